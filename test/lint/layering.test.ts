import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Feeds the layering rules imports they must refuse, so the guard itself cannot rot. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layering lint', () => {
  it('refuses electron in src/main/core', async () => {
    const messages = await restrictedImportMessages(
      'src/main/core/guard-probe.ts',
      "import { app } from 'electron';\nexport const probe = app;\n",
    );
    expect(messages.join('\n')).toMatch(/never import electron/);
  });

  it('refuses node built-ins and native modules in src/renderer', async () => {
    const messages = await restrictedImportMessages(
      'src/renderer/src/guard-probe.ts',
      "import { readFileSync } from 'node:fs';\nimport Database from 'better-sqlite3';\nexport const probe = [readFileSync, Database];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('refuses imports of src/main from the renderer', async () => {
    const messages = await restrictedImportMessages(
      'src/renderer/src/guard-probe.ts',
      "import { createActivityEventBus } from '../../main/core/events';\nexport const probe = createActivityEventBus;\n",
    );
    expect(messages.join('\n')).toMatch(/only src\/shared/);
  });

  it('keeps src/shared pure', async () => {
    const messages = await restrictedImportMessages(
      'src/shared/guard-probe.ts',
      "import { join } from 'node:path';\nexport const probe = join;\n",
    );
    expect(messages.join('\n')).toMatch(/pure/);
  });

  it.each([
    [
      'core',
      'src/main/core/guard-probe.ts',
      "import { runCli } from '../cli/runCli';",
      /\. src\/main\/core /,
    ],
    [
      'core',
      'src/main/core/guard-probe.ts',
      "import { registerIpcHandlers } from '../desktop/ipcHandlers';",
      /\. src\/main\/core /,
    ],
    ['cli', 'src/main/cli/guard-probe.ts', "import { app } from 'electron';", /\. src\/main\/cli /],
    [
      'cli',
      'src/main/cli/guard-probe.ts',
      "import { registerIpcHandlers } from '../desktop/ipcHandlers';",
      /\. src\/main\/cli /,
    ],
    [
      'desktop',
      'src/main/desktop/guard-probe.ts',
      "import { App } from '../../renderer/src/views/App';",
      /\. src\/main\/desktop /,
    ],
    [
      'preload',
      'src/preload/guard-probe.ts',
      "import { shell } from 'electron';",
      /\. src\/preload may import only electron's contextBridge and ipcRenderer/,
    ],
    [
      'preload',
      'src/preload/guard-probe.ts',
      "import { readFileSync } from 'node:fs';",
      /\. src\/preload may import only/,
    ],
    [
      'preload',
      'src/preload/guard-probe.ts',
      "import { createSwitchboard } from '../main/core/createSwitchboard';",
      /\. src\/preload may import only/,
    ],
    [
      'renderer',
      'src/renderer/src/guard-probe.ts',
      "import { ipcRenderer } from 'electron';",
      /\. src\/renderer /,
    ],
    ['shared', 'src/shared/guard-probe.ts', "import { join } from 'node:path';", /\. src\/shared /],
  ])(
    'the %s rule refuses a bad import and names its own layer: %s',
    async (_layer, file, line, message) => {
      const source = `${line}\nexport const probe = 1;\n`;
      const messages = await restrictedImportMessages(file, source);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(message);
    },
  );

  it("allows the preload electron's contextBridge and ipcRenderer, src/shared and its own files", async () => {
    const messages = await restrictedImportMessages(
      'src/preload/guard-probe.ts',
      "import { contextBridge, ipcRenderer } from 'electron';\nimport { INVOKE_METHODS } from '../shared/ipc';\nimport { createPreloadApi } from './createPreloadApi';\nexport const probe = [contextBridge, ipcRenderer, INVOKE_METHODS, createPreloadApi];\n",
    );
    expect(messages).toEqual([]);
  });

  it('allows electron in src/main/desktop', async () => {
    const messages = await restrictedImportMessages(
      'src/main/desktop/guard-probe.ts',
      "import { app } from 'electron';\nexport const probe = app;\n",
    );
    expect(messages).toEqual([]);
  });
});
