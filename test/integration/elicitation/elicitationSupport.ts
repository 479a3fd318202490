/**
 * A running core fronting the eliciting fixture twice: over stdio (`ask`) and over Streamable HTTP
 * (`web`), with helpers to wait on elicitations in the pending list and read call records.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ActivityRecord } from '../../../src/shared/activity';
import type { PendingElicitation } from '../../../src/shared/approvals';
import type { CreateSwitchboardOptions } from '../../../src/main/core/createSwitchboard';
import { connectAgent } from '../../support/agent';
import { recordsWithBodies, startCore, waitForServersReady, type RunningCore } from '../apiSupport';

export const ELICITING_SERVER = resolve(
  import.meta.dirname,
  '../../support/fixtures/elicitingServer.mjs',
);

export interface ElicitationCore extends RunningCore {
  token: string;
  agent(name?: string): Promise<Client>;
  /** Resolves with the next elicitation that joins the pending list. */
  nextElicitation(): Promise<PendingElicitation>;
  /** The full record of every call matching `query`, newest first. */
  records(query: string): Promise<ActivityRecord[]>;
}

/** Starts the fixture over HTTP; resolves with its URL and the child (to kill at the end). */
export async function startHttpFixture(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [ELICITING_SERVER, 'http'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((done, fail) => {
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`eliciting fixture exited (${String(code)})`)));
  });
  lines.close();
  return { url: (JSON.parse(first) as { url: string }).url, child };
}

export async function startElicitationCore(
  coreOptions: Partial<CreateSwitchboardOptions> = {},
  config: Record<string, unknown> = {},
): Promise<ElicitationCore> {
  const http = await startHttpFixture();
  const core = await startCore(
    {
      mcpServers: {
        ask: { command: process.execPath, args: [ELICITING_SERVER, 'stdio'] },
        web: { url: http.url },
      },
      ...config,
    },
    coreOptions,
  );
  await waitForServersReady(core);
  const { token } = core.switchboard.tokens.create('eliciting agent');
  const agents: Client[] = [];
  return {
    ...core,
    token,
    async agent(name = 'eliciting-agent') {
      const client = await connectAgent(core.switchboard.urls.mcp, token, name);
      agents.push(client);
      return client;
    },
    nextElicitation() {
      return new Promise((done) => {
        const stop = core.switchboard.approvals.onDidChange((change) => {
          if (change.event !== 'approval.requested' || change.request.kind !== 'elicitation')
            return;
          stop();
          done(change.request);
        });
      });
    },
    records: (query) => recordsWithBodies(core, query),
    async stop() {
      await Promise.all(agents.map((agent) => agent.close().catch(() => undefined)));
      await core.stop();
      http.child.kill();
    },
  };
}

/** The JSON the fixture answers with: what its elicitation/create got back. */
export function elicitResultOf(result: Record<string, unknown>): unknown {
  const [item] = result.content as { text: string }[];
  return JSON.parse(item!.text) as unknown;
}

/** The fields of the fixture's form, in its order. */
export const FORM_SCHEMA_FIELDS = ['name', 'age', 'password', 'color'];
