/**
 * SPEC 12 end to end with the built `switchboard`: REST verify, an unfiltered export with bodies
 * that ends at a signed checkpoint and verifies with `activity verify --file`, an edited line
 * named by its line number, and a SIGKILL in the middle of a load that leaves a chain the CLI
 * verifies with Switchboard stopped.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChainVerifyResult } from '../../src/shared/audit';
import { connectAgent } from '../support/agent';
import { everythingStdioEntry, SWITCHBOARD_BIN } from '../support/mcpServers';
import { startServe, type ServeProcess } from '../support/serveProcess';
import { countdown } from '../support/waitFor';

function verifyCli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; result: ChainVerifyResult; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [SWITCHBOARD_BIN, 'activity', 'verify', '--data-dir', dataDir, '--json', ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        try {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          done({ code, result: JSON.parse(stdout) as ChainVerifyResult, stderr });
        } catch (parseError) {
          fail(new Error(`${String(parseError)}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      },
    );
  });
}

const started: ServeProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.kill()));
});

async function serveWithCalls(calls: number): Promise<ServeProcess> {
  const serve = await startServe({
    config: { mcpServers: { everything: everythingStdioEntry() } },
  });
  started.push(serve);
  const agent = await connectAgent(serve.mcpUrl, await serve.createToken('chain'), 'chain');
  for (let i = 0; i < calls; i++)
    await agent.callTool({ name: 'everything__echo', arguments: { message: `call ${i}` } });
  await agent.close();
  await serve.waitForTotal('type=tool_call', calls);
  return serve;
}

describe('verify through REST and the CLI', () => {
  it('REST verify is ok; status names the key and the latest checkpoint', async () => {
    const serve = await serveWithCalls(20);
    const result = await serve.data<ChainVerifyResult>('GET', '/api/v1/activity/verify');
    expect(result).toMatchObject({ ok: true });
    const status = await serve.data<{ audit: { key_fingerprint: string } }>(
      'GET',
      '/api/v1/status',
    );
    expect(status.audit.key_fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    await serve.stop();
  }, 60_000);

  it('an unfiltered export with bodies ends with a checkpoint and verifies; an edited line fails with its number', async () => {
    const serve = await serveWithCalls(30);
    const response = await fetch(
      `${serve.baseUrl}/api/v1/activity/export?format=jsonl&include_bodies=true`,
      { headers: { 'X-API-Key': serve.apiKey } },
    );
    const text = await response.text();
    const lines = text.trimEnd().split('\n');
    const last = JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(last).toMatchObject({ type: 'checkpoint', seq: first.seq, hash: first.hash });
    const file = join(serve.dataDir, 'export.jsonl');
    writeFileSync(file, text);
    await serve.stop();

    const faithful = await verifyCli(serve.dataDir, '--file', file);
    expect(faithful.code).toBe(0);
    expect(faithful.result).toMatchObject({ ok: true, records: lines.length - 1, checkpoints: 1 });

    const edited = lines.map((line, i) =>
      i === 4 ? line.replace(/"message":"call \d+"/, '"message":"call 999"') : line,
    );
    expect(edited[4]).not.toBe(lines[4]);
    writeFileSync(file, `${edited.join('\n')}\n`);
    const broken = await verifyCli(serve.dataDir, '--file', file);
    expect(broken.code).toBe(1);
    expect(broken.result).toMatchObject({ ok: false, kind: 'edited', line: 5 });

    // The same export verified with no log at hand: the checkpoint and the public key suffice.
    writeFileSync(file, text);
    const keyOnly = mkdtempSync(join(tmpdir(), 'swb-key-only-'));
    copyFileSync(join(serve.dataDir, 'audit_key.pub.pem'), join(keyOnly, 'audit_key.pub.pem'));
    const dbless = await verifyCli(keyOnly, '--file', file);
    expect(dbless.code).toBe(0);
    expect(dbless.result).toMatchObject({ ok: true, checkpoints: 1 });
    rmSync(keyOnly, { recursive: true, force: true });
  }, 60_000);

  it('the CLI names a record edited in the file with exit code 1', async () => {
    const serve = await serveWithCalls(10);
    await serve.stop();
    const db = new Database(join(serve.dataDir, 'activity.db'));
    db.prepare(`UPDATE activity SET response = 'forged' WHERE seq = 3`).run();
    db.close();
    const { code, result } = await verifyCli(serve.dataDir);
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, kind: 'edited', seq: 3 });
  }, 60_000);
});

describe('SIGKILL in the middle of a load', () => {
  it('leaves a chain that verifies with Switchboard stopped, and again after a restart', async () => {
    const first = await startServe({
      config: { mcpServers: { everything: everythingStdioEntry() } },
    });
    started.push(first);
    const token = await first.createToken('crash');
    const agents = await Promise.all(
      Array.from({ length: 4 }, (_, i) => connectAgent(first.mcpUrl, token, `crash-${i}`)),
    );
    const enough = countdown(1500);
    let stop = false;
    const load = Promise.all(
      agents.map(async (agent) => {
        while (!stop) {
          try {
            await agent.callTool({ name: 'everything__echo', arguments: { message: 'x' } });
            enough.tick();
          } catch {
            return;
          }
        }
      }),
    );
    await enough.reached;
    await first.kill();
    stop = true;
    await load;

    const afterKill = await verifyCli(first.dataDir);
    expect(afterKill.code).toBe(0);
    expect(afterKill.result).toMatchObject({ ok: true });

    const second = await startServe({ dataDir: first.dataDir });
    started.push(second);
    await second.stop();
    const afterRestart = await verifyCli(first.dataDir);
    expect(afterRestart.result).toMatchObject({ ok: true, unproved_records: 0 });
  }, 120_000);
});
