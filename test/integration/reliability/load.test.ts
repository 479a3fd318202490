import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, resultText } from '../../support/agent';
import { everythingStdioEntry } from '../../support/mcpServers';
import { startServe, type ServeProcess } from '../../support/serveProcess';

const SESSIONS = 32;
/** `npm run test:stress` runs 100,000 calls; `npm test` 20,000. */
const CALLS_PER_SESSION = process.env.STRESS === '1' ? 3125 : 625;
const BLOCK_EVERY = 50;
const FAIL_EVERY = 40;

interface ClientSideCall {
  id: number;
  expected: 'success' | 'error' | 'blocked';
  saw: 'success' | 'error' | 'blocked';
}

describe(`load: ${SESSIONS * CALLS_PER_SESSION} calls from ${SESSIONS} sessions through a real serve`, () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await startServe({
      config: {
        mcpServers: { everything: everythingStdioEntry() },
        policies: [
          {
            id: 'no-sum',
            effect: 'block',
            server: 'everything',
            tool: 'get-sum',
            reason: 'sums need a human',
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('records exactly one record per call, none duplicated, each status as the client saw it', async () => {
    const token = await serve.createToken('load');
    const seen: ClientSideCall[] = [];
    await Promise.all(
      Array.from({ length: SESSIONS }, async (_, session) => {
        const agent = await connectAgent(serve.mcpUrl, token, `load-${session}`);
        for (let i = 0; i < CALLS_PER_SESSION; i++) {
          const n = session * CALLS_PER_SESSION + i;
          const expected =
            n % BLOCK_EVERY === 0 ? 'blocked' : n % FAIL_EVERY === 0 ? 'error' : 'success';
          // get-sum is blocked by policy; echo with a non-string message fails the tool's own validation.
          const call =
            expected === 'blocked'
              ? { name: 'everything__get-sum', arguments: { a: n, b: 1 } }
              : {
                  name: 'everything__echo',
                  arguments: { message: expected === 'error' ? n : `call-${n}` },
                };
          const result = await agent.callTool(call);
          const text = resultText(result);
          const saw = result.isError
            ? text.startsWith('Blocked by Switchboard policy')
              ? 'blocked'
              : 'error'
            : 'success';
          seen.push({ id: n, expected, saw });
        }
        await agent.close();
      }),
    );
    expect(seen).toHaveLength(SESSIONS * CALLS_PER_SESSION);
    expect(seen.filter((c) => c.saw !== c.expected)).toEqual([]);

    // SIGTERM flushes the queue; then read the log file directly.
    await serve.stop();
    const db = new Database(join(serve.dataDir, 'activity.db'), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT id, type, status FROM activity WHERE type IN ('tool_call', 'policy_decision')`,
        )
        .all() as { id: string; type: string; status: string }[];
      expect(rows).toHaveLength(seen.length);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      const byStatus = (status: string): number => rows.filter((r) => r.status === status).length;
      const expectedCount = (status: string): number =>
        seen.filter((c) => c.expected === status).length;
      expect(byStatus('blocked')).toBe(expectedCount('blocked'));
      expect(byStatus('error')).toBe(expectedCount('error'));
      expect(byStatus('success')).toBe(expectedCount('success'));
      expect(rows.filter((r) => r.type === 'policy_decision').length).toBe(
        expectedCount('blocked'),
      );
    } finally {
      db.close();
    }
  }, 900_000);
});
