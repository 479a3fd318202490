/**
 * A Switchboard from the real core (config file, SQLite, record queue, store, tokens, upstream
 * manager, server admin) in a temp dir, without the listener, so the HTTP layer can be tested
 * with a gateway stand-in. The integration tests use createSwitchboard itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Switchboard } from '../../../../../src/main/core/switchboard';
import { openSwitchboardCore } from '../../../../../src/main/core/switchboardCore';

export interface CoreParts {
  switchboard: Switchboard;
  dataDir: string;
  apiKey: string;
  dispose(): Promise<void>;
}

export async function createCoreParts(config: Record<string, unknown> = {}): Promise<CoreParts> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-http-'));
  const apiKey = randomBytes(24).toString('base64url');
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({ listen: '127.0.0.1:0', api_key: apiKey, ...config }, null, 2),
  );
  const core = await openSwitchboardCore({ dataDir, watchConfig: false, log: () => {} });
  await core.upstreams.apply(core.switchboard.config.get());
  const { switchboard } = core;
  return {
    switchboard,
    dataDir,
    apiKey,
    async dispose() {
      await switchboard.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
