/**
 * A Switchboard for desktop tests: the real core (config file, SQLite through the real
 * migrations, record queue, event bus, tokens, server admin) in a temp dir, without a listener.
 * Its one server, `everything`, is disabled, so no process starts: the desktop only forwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Switchboard } from '../../../src/main/core/switchboard';
import { openSwitchboardCore } from '../../../src/main/core/switchboardCore';
import { everythingStdioEntry } from '../../support/mcpServers';

export interface DesktopCoreFixture {
  switchboard: Switchboard;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function desktopCoreFixture(): Promise<DesktopCoreFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-desktop-'));
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: randomBytes(24).toString('base64url'),
      mcpServers: { everything: { ...everythingStdioEntry(), enabled: false } },
    }),
  );
  const core = await openSwitchboardCore({ dataDir, watchConfig: false, log: () => {} });
  await core.upstreams.apply(core.switchboard.config.get());
  return {
    switchboard: core.switchboard,
    dataDir,
    cleanup: async () => {
      await core.switchboard.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
