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

  it('allows electron in src/main/desktop', async () => {
    const messages = await restrictedImportMessages(
      'src/main/desktop/guard-probe.ts',
      "import { app } from 'electron';\nexport const probe = app;\n",
    );
    expect(messages).toEqual([]);
  });
});
