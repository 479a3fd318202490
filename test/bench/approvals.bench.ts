/**
 * Held calls hold nothing else (SPEC 10) (`npx tsx test/bench/approvals.bench.ts`): latency of
 * sequential unrelated calls (everything__get-sum) through a real Switchboard to server-everything,
 * with no call waiting for approval and with 10 calls of an `ask` rule waiting, in alternating
 * rounds so machine noise hits both alike.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createSwitchboard } from '../../src/main/core/createSwitchboard';
import { connectAgent } from '../support/agent';
import { everythingStdioEntry } from '../support/mcpServers';
import { round, summarize } from './stats';

export interface ApprovalsBenchResult {
  calls_per_run: number;
  rounds: number;
  idle: { p50_ms: number; p99_ms: number };
  with_10_waiting: { p50_ms: number; p99_ms: number };
}

async function timeCalls(agent: Client, calls: number, into: number[]): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await agent.callTool({ name: 'everything__get-sum', arguments: { a: i, b: 1 } });
    into.push(performance.now() - start);
  }
}

export async function runApprovalsBench(
  options: { calls?: number; rounds?: number } = {},
): Promise<ApprovalsBenchResult> {
  const calls = options.calls ?? 500;
  const rounds = options.rounds ?? 4;
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-approvals-bench-'));
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: `bench-${Date.now()}-key-0123456789`,
      mcpServers: { everything: everythingStdioEntry() },
      policies: [{ id: 'ask-echo', effect: 'ask', server: 'everything', tool: 'echo' }],
      approval_timeout_s: 3600,
    }),
  );
  const switchboard = await createSwitchboard({ dataDir, log: () => undefined });
  try {
    while (!(await switchboard.service.listServers()).every((s) => s.status === 'ready'))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const { token } = switchboard.tokens.create('bench');
    const agent = await connectAgent(switchboard.urls.mcp, token, 'bench-unrelated');
    const asker = await connectAgent(switchboard.urls.mcp, token, 'bench-asker');
    await timeCalls(agent, 100, []); // warm-up
    const idle: number[] = [];
    const waiting: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await timeCalls(agent, calls, idle);
      const held = Array.from({ length: 10 }, (_, i) =>
        asker.callTool(
          { name: 'everything__echo', arguments: { message: `held ${i}` } },
          undefined,
          { timeout: 3_600_000 },
        ),
      );
      while (switchboard.approvals.pending().length < 10)
        await new Promise((resolve) => setImmediate(resolve));
      await timeCalls(agent, calls, waiting);
      if (switchboard.approvals.pending().length !== 10) throw new Error('a held call ended early');
      for (const approval of switchboard.approvals.pending())
        switchboard.approvals.answer(approval.id, { decision: 'allow_once' }, 'api');
      await Promise.all(held);
    }
    await agent.close();
    await asker.close();
    const a = summarize(idle);
    const b = summarize(waiting);
    return {
      calls_per_run: calls,
      rounds,
      idle: { p50_ms: round(a.p50), p99_ms: round(a.p99) },
      with_10_waiting: { p50_ms: round(b.p50), p99_ms: round(b.p99) },
    };
  } finally {
    await switchboard.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('approvals.bench.ts')) {
  runApprovalsBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
