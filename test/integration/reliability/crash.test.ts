import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../../support/agent';
import { everythingStdioEntry } from '../../support/mcpServers';
import { startServe, type ServeProcess } from '../../support/serveProcess';
import { countdown } from '../../support/waitFor';

const SESSIONS = 8;
/** SPEC 5: the batch interval bounds what a crash can lose (<= 100 ms). */
const FLUSH_WINDOW_MS = 100;

describe('SIGKILL of serve in the middle of a load', () => {
  const started: ServeProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.kill()));
  });

  it('reopens an intact database and loses at most the last flush interval', async () => {
    const first = await startServe({
      config: { mcpServers: { everything: everythingStdioEntry() } },
    });
    started.push(first);
    const token = await first.createToken('crash');
    const completedAt: number[] = [];
    const enough = countdown(3000);
    let stop = false;
    const agents = await Promise.all(
      Array.from({ length: SESSIONS }, (_, i) => connectAgent(first.mcpUrl, token, `crash-${i}`)),
    );
    const load = Promise.all(
      agents.map(async (agent) => {
        while (!stop) {
          try {
            await agent.callTool({ name: 'everything__echo', arguments: { message: 'x' } });
            completedAt.push(performance.now());
            enough.tick();
          } catch {
            return; // the server is gone
          }
        }
      }),
    );
    await enough.reached;
    const killedAt = performance.now();
    await first.kill();
    stop = true;
    await load;

    const completed = completedAt.filter((t) => t <= killedAt).length;
    const inLastWindow = completedAt.filter((t) => t > killedAt - FLUSH_WINDOW_MS * 2).length;

    // The restarted instance takes over the dead process's lock and opens the same database.
    const second = await startServe({ dataDir: first.dataDir });
    started.push(second);
    await second.stop();

    const db = new Database(join(first.dataDir, 'activity.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const recorded = (
        db.prepare(`SELECT count(*) AS n FROM activity WHERE type = 'tool_call'`).get() as {
          n: number;
        }
      ).n;
      const lost = Math.max(0, completed - recorded);
      // Calls the client saw complete but that no batch committed: only those of the last flush window.
      expect(lost).toBeLessThanOrEqual(inLastWindow);
      expect(recorded).toBeGreaterThan(completed - inLastWindow - 1);
    } finally {
      db.close();
    }
  }, 120_000);
});
