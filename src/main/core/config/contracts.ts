/**
 * The resolved config other modules use: validated, aliases folded (`type` -> `transport`,
 * `disabled` -> `enabled`), defaults filled and `${env:NAME}` references expanded.
 */
import type { ActivitySettings, PolicyRule, Transport } from '../../../shared/servers';
import type { TelemetrySettings } from '../../../shared/telemetry';

export interface ServerConfig {
  name: string;
  transport: Transport;
  /** stdio */
  command?: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** remote */
  url?: string;
  headers: Record<string, string>;
  enabled: boolean;
  quarantined: boolean;
  /** Per call; progress resets it. Default 600000. */
  timeout_ms: number;
}

export interface SwitchboardConfig extends ActivitySettings {
  /** `host:port` */
  listen: string;
  api_key: string;
  /** In file order: resources tie-break on it. */
  servers: ServerConfig[];
  policies: PolicyRule[];
  /** SPEC 13; off unless an endpoint is given here or in the environment. */
  telemetry: TelemetrySettings;
}

/** The file as JSON, before resolution: what an update edits and what is written back. */
export type RawConfig = Record<string, unknown>;

export interface ConfigWarning {
  /** e.g. `mcpServers.github.autoApprove` */
  keyPath: string;
  message: string;
}

export interface ConfigStore {
  readonly path: string;
  get(): SwitchboardConfig;
  raw(): RawConfig;
  warnings(): ConfigWarning[];
  /**
   * Applies `mutate` to a copy of the raw file, validates the result, writes it atomically
   * (temp, fsync, rename) and publishes the change. Throws ConfigError and writes nothing when
   * the result is invalid.
   */
  update(mutate: (raw: RawConfig) => RawConfig): Promise<SwitchboardConfig>;
  /** Fired after a valid change (ours or a hand edit picked up by the file watch). */
  onDidChange(listener: (next: SwitchboardConfig, previous: SwitchboardConfig) => void): () => void;
  /** A hand edit that does not validate: the running config stays. */
  onDidFailReload(listener: (error: Error) => void): () => void;
  close(): void;
}
