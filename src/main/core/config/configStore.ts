import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ConfigStore, ConfigWarning, RawConfig, SwitchboardConfig } from './contracts';
import { ConfigError } from './configError';
import { parseConfigText, resolveConfig } from './configSchema';
import { writeFileAtomic } from './atomicWrite';
import { CONFIG_FILE_NAME, DEFAULT_ACTIVITY_SETTINGS, DEFAULT_LISTEN } from './defaults';
import type { Environment } from './envExpansion';

export interface ConfigStoreOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/mcp_config.json`. */
  configPath?: string;
  /** Pick up hand edits while running. Default true. */
  watch?: boolean;
  onWarning?: (warning: ConfigWarning) => void;
  /** For `${env:NAME}`; default process.env. */
  env?: Environment;
  /** Quiet time after the last file event before a reload; default 75 ms. */
  debounceMs?: number;
}

interface ConfigState {
  /** The file text this state came from: what is on disk unless someone edited it since. */
  text: string;
  raw: RawConfig;
  config: SwitchboardConfig;
  warnings: ConfigWarning[];
}

/** A new file: a generated api_key and no servers, so a first run reaches no network (SPEC 2). */
export function defaultRawConfig(): RawConfig {
  return {
    listen: DEFAULT_LISTEN,
    api_key: randomBytes(32).toString('base64url'),
    mcpServers: {},
    policies: [],
    ...structuredClone(DEFAULT_ACTIVITY_SETTINGS),
  };
}

export function serializeConfig(raw: RawConfig): string {
  return `${JSON.stringify(raw, null, 2)}\n`;
}

/** Reads and resolves a config file without creating, watching or writing anything (CLI lookups). */
export async function readConfigFile(
  path: string,
  env: Environment = process.env,
): Promise<SwitchboardConfig> {
  const text = await readFile(path, 'utf8');
  return parseState(text, env, path).config;
}

function parseState(text: string, env: Environment, path: string): ConfigState {
  try {
    const raw = parseConfigText(text) as RawConfig;
    const { config, warnings } = resolveConfig(raw, env);
    return { text, raw, config, warnings };
  } catch (error) {
    if (error instanceof ConfigError) throw error.inFile(path);
    throw error;
  }
}

/**
 * Loads `mcp_config.json` (creating the data directory and the file on first run), keeps the
 * resolved config, rewrites it atomically on `update`, and follows hand edits through a watch
 * on the directory (so editors that save by rename are seen). An invalid file is never
 * overwritten: at start it is a thrown ConfigError, while running it is reported and the
 * running config stays.
 */
export async function loadConfigStore(options: ConfigStoreOptions): Promise<ConfigStore> {
  const env = options.env ?? process.env;
  const debounceMs = options.debounceMs ?? 75;
  const dataDir = resolve(options.dataDir);
  const path = resolve(options.configPath ?? join(dataDir, CONFIG_FILE_NAME));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = serializeConfig(defaultRawConfig());
    await writeFileAtomic(path, text);
  }
  let state = parseState(text, env, path);
  // Each warning is reported once per run, not again on every later change of the file.
  const reported = new Set<string>();
  const reportWarnings = (warnings: ConfigWarning[]): void => {
    for (const warning of warnings) {
      const key = `${warning.keyPath}\n${warning.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      options.onWarning?.(warning);
    }
  };
  reportWarnings(state.warnings);

  const changeListeners = new Set<(next: SwitchboardConfig, previous: SwitchboardConfig) => void>();
  const failListeners = new Set<(error: Error) => void>();
  let lastFailedText: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const adopt = (next: ConfigState): void => {
    const previous = state.config;
    state = next;
    lastFailedText = null;
    reportWarnings(next.warnings);
    for (const listener of changeListeners) listener(next.config, previous);
  };

  /** Runs config mutations and reloads one at a time, so none reads a stale state. */
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const readDisk = async (): Promise<string | null> => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      // An editor that saves by rename leaves a moment without the file; the next event brings it back.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };

  const reload = (): Promise<void> =>
    serialize(async () => {
      if (closed) return;
      let onDisk = await readDisk();
      for (;;) {
        if (onDisk === null || onDisk === state.text || onDisk === lastFailedText) return;
        try {
          adopt(parseState(onDisk, env, path));
          return;
        } catch (error) {
          // An editor that truncates then writes shows a half-saved file for a moment: report
          // only what is still on disk a debounce later.
          await new Promise((resolve) => setTimeout(resolve, debounceMs));
          const again = await readDisk();
          if (again !== onDisk) {
            onDisk = again;
            continue;
          }
          lastFailedText = onDisk;
          const reported = error instanceof Error ? error : new Error(String(error));
          for (const listener of failListeners) listener(reported);
          return;
        }
      }
    });

  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;
  if (options.watch !== false) {
    const fileName = basename(path);
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed !== fileName) return;
      if (debounce !== null) clearTimeout(debounce);
      debounce = setTimeout(() => {
        debounce = null;
        void reload();
      }, debounceMs);
    });
    watcher.on('error', () => undefined);
  }

  return {
    path,
    get: () => state.config,
    raw: () => structuredClone(state.raw),
    warnings: () => [...state.warnings],
    update: (mutate) =>
      serialize(async () => {
        if (closed) throw new Error('The config store is closed.');
        const onDisk = await readDisk();
        if (onDisk !== null && onDisk !== state.text) {
          // A hand edit the watch has not delivered yet: build on it, or refuse to overwrite it.
          try {
            adopt(parseState(onDisk, env, path));
          } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            throw new ConfigError(
              `${error.detail} (the file was edited by hand and is invalid; Switchboard will not overwrite it: fix the edit, then try again)`,
              error.keyPath,
              path,
            );
          }
        }
        const raw = mutate(structuredClone(state.raw));
        const text = serializeConfig(raw);
        let next: ConfigState;
        try {
          const { config, warnings } = resolveConfig(raw, env);
          next = { text, raw, config, warnings };
        } catch (error) {
          if (error instanceof ConfigError) throw error.inFile(path);
          throw error;
        }
        await writeFileAtomic(path, text);
        adopt(next);
        return next.config;
      }),
    onDidChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onDidFailReload(listener) {
      failListeners.add(listener);
      return () => failListeners.delete(listener);
    },
    close() {
      closed = true;
      if (debounce !== null) clearTimeout(debounce);
      watcher?.close();
    },
  };
}
