/**
 * SPEC 11 end to end: a real stdio server whose tools come from a file, Switchboard over real
 * HTTP, a real SDK agent. Change the file, restart (or send list_changed) -> changed, blocked with
 * the SPEC's message, recorded once, diff via REST; approve -> calls go through again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/shared/activity';
import type { ToolInfo } from '../../src/shared/servers';
import { createSwitchboard } from '../../src/main/core/createSwitchboard';
import { openDatabase } from '../../src/main/core/db';
import { exposeName, type UpstreamManagerWithRouter } from '../../src/main/core/upstreams';
import { connectAgent, resultText } from '../support/agent';
import {
  FETCH_TOOL,
  SEARCH_TOOL,
  SEARCH_TOOL_CHANGED,
  pinnedToolsEntry,
  writeTools,
} from '../support/pinnedTools';
import { startCore, waitForServersReady, type RunningCore } from './apiSupport';

const BLOCKED_TEXT =
  'Blocked by Switchboard policy "tool_pin": The definition of docs__search changed since it was approved; review it in Switchboard';

let core: RunningCore;
let toolsDir: string;
let toolsFile: string;
let agent: Client;

async function start(config: Record<string, unknown> = {}): Promise<void> {
  core = await startCore({ mcpServers: { docs: pinnedToolsEntry(toolsFile) }, ...config });
  await waitForServersReady(core);
  agent = await connectAgent(
    core.switchboard.urls.mcp,
    core.switchboard.tokens.create('pin test').token,
  );
}

beforeEach(() => {
  toolsDir = mkdtempSync(join(tmpdir(), 'swb-pins-'));
  toolsFile = join(toolsDir, 'tools.json');
  writeTools(toolsFile, [SEARCH_TOOL, FETCH_TOOL]);
});

afterEach(async () => {
  await agent?.close();
  await core?.stop();
  await rm(toolsDir, { recursive: true, force: true });
});

const tools = (): Promise<ToolInfo[]> => core.data<ToolInfo[]>('GET', '/api/v1/servers/docs/tools');
const tool = async (name: string): Promise<ToolInfo | undefined> =>
  (await tools()).find((candidate) => candidate.name === name);

async function restartDocs(): Promise<void> {
  await core.data('POST', '/api/v1/servers/docs/restart');
}

async function toolChanges(action: string): Promise<ActivityRecord[]> {
  await core.switchboard.recorder.flush();
  const page = await core.data<{ activities: ActivityRecord[] }>(
    'GET',
    '/api/v1/activity?type=quarantine_change&server=docs&limit=100',
  );
  return page.activities.filter((record) => record.metadata.action === action);
}

async function callSearch(): Promise<{ isError: boolean; text: string }> {
  const result = await agent.callTool({ name: 'docs__search', arguments: { query: 'pins' } });
  return { isError: result.isError === true, text: resultText(result) };
}

/** Resolves on the agent's next tools/list_changed. */
function nextListChanged(): Promise<void> {
  return new Promise((resolve) =>
    agent.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
  );
}

describe('tool pinning: block (default)', () => {
  beforeEach(() => start());

  it('pins every tool of a new server on its first listing', async () => {
    const listed = await tools();
    expect(listed.map((t) => [t.name, t.pin_status])).toEqual([
      ['search', 'pinned'],
      ['fetch', 'pinned'],
    ]);
    expect(listed[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await toolChanges('tool_added')).toHaveLength(0);
    expect(await callSearch()).toEqual({ isError: false, text: 'called search {"query":"pins"}' });
  });

  it('blocks a tool changed across a restart, shows both versions, and lets it through once approved', async () => {
    const pinnedSha = (await tool('search'))?.sha256;
    writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    await restartDocs();

    const changed = await tool('search');
    expect(changed?.pin_status).toBe('changed');
    expect(changed?.pinned?.definition.description).toBe(SEARCH_TOOL.description);
    expect(changed?.current?.definition.description).toBe(SEARCH_TOOL_CHANGED.description);
    expect(changed?.current?.definition.inputSchema).toEqual(SEARCH_TOOL_CHANGED.inputSchema);
    expect(changed?.sha256).toBe(pinnedSha);
    expect((await tool('fetch'))?.pin_status).toBe('pinned');

    // The agent still sees the tool, with the definition it was approved with.
    const listed = (await agent.listTools()).tools.find((t) => t.name === 'docs__search');
    expect(listed?.description).toBe(SEARCH_TOOL.description);
    expect(listed?.inputSchema).toEqual(SEARCH_TOOL.inputSchema);

    expect(await callSearch()).toEqual({ isError: true, text: BLOCKED_TEXT });
    await core.waitForTotal('type=policy_decision&status=blocked', 1);
    const blocked = await core.data<{ activities: ActivityRecord[] }>(
      'GET',
      '/api/v1/activity?type=policy_decision',
    );
    expect(blocked.activities[0]).toMatchObject({
      policy_id: 'tool_pin',
      status: 'blocked',
      tool_name: 'search',
      reason:
        'The definition of docs__search changed since it was approved; review it in Switchboard',
    });

    // Seen again on the next listing: still one record.
    await restartDocs();
    const recorded = await toolChanges('tool_changed');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.metadata).toMatchObject({
      action: 'tool_changed',
      tool: 'search',
      old_sha256: pinnedSha,
      new_sha256: changed?.current?.sha256,
    });
    expect(await callSearch()).toMatchObject({ isError: true });

    const notified = nextListChanged();
    const approved = await core.data<ToolInfo>('POST', '/api/v1/servers/docs/tools/search/approve');
    expect(approved).toMatchObject({ pin_status: 'pinned', sha256: changed?.current?.sha256 });
    expect(approved.pinned).toBeUndefined();
    await notified;
    const relisted = (await agent.listTools()).tools.find((t) => t.name === 'docs__search');
    expect(relisted?.description).toBe(SEARCH_TOOL_CHANGED.description);
    expect(await callSearch()).toEqual({
      isError: false,
      text: 'called search {"query":"pins"}',
    });
    expect(await toolChanges('tool_approved')).toHaveLength(1);
  });

  it('catches a change announced with notifications/tools/list_changed during a session', async () => {
    writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    const notified = nextListChanged();
    const pid = (core.switchboard.upstreams as UpstreamManagerWithRouter).pid('docs');
    expect(pid).toBeTypeOf('number');
    process.kill(pid as number, 'SIGUSR2');
    await notified;

    expect((await tool('search'))?.pin_status).toBe('changed');
    expect(await callSearch()).toEqual({ isError: true, text: BLOCKED_TEXT });
    expect(await toolChanges('tool_changed')).toHaveLength(1);

    await core.data('POST', '/api/v1/servers/docs/tools/search/approve');
    expect(await callSearch()).toMatchObject({ isError: false });
    expect(await toolChanges('tool_approved')).toHaveLength(1);
  });

  it('records a tool added (new until approved, allowed) and a tool removed, once each', async () => {
    const extra = { ...FETCH_TOOL, name: 'extra', description: 'An extra tool.' };
    writeTools(toolsFile, [SEARCH_TOOL, extra]);
    await restartDocs();
    await restartDocs();

    expect((await tools()).map((t) => [t.name, t.pin_status])).toEqual([
      ['search', 'pinned'],
      ['extra', 'new'],
    ]);
    const added = await toolChanges('tool_added');
    const removed = await toolChanges('tool_removed');
    expect(added.map((r) => r.tool_name)).toEqual(['extra']);
    expect(removed.map((r) => r.tool_name)).toEqual(['fetch']);
    const result = await agent.callTool({ name: 'docs__extra', arguments: {} });
    expect(result.isError).not.toBe(true);

    const approved = await core.data<ToolInfo>('POST', '/api/v1/servers/docs/tools/extra/approve');
    expect(approved.pin_status).toBe('pinned');
    expect(await toolChanges('tool_approved')).toHaveLength(1);
  });

  it('answers 404 naming the tool for an approval of a tool it does not know', async () => {
    const { status, body } = await core.api<{ error: string }>(
      'POST',
      '/api/v1/servers/docs/tools/nope/approve',
    );
    expect(status).toBe(404);
    expect(body.error).toContain('"nope"');
  });

  it('refuses a bad tool_pinning value naming the key', async () => {
    const { status, body } = await core.api<{ error: string }>('PATCH', '/api/v1/settings', {
      tool_pinning: 'maybe',
    });
    expect(status).toBe(400);
    expect(body.error).toContain('tool_pinning');
  });
});

describe('tool pinning: warn and off', () => {
  it('warn: records the change and shows it, but calls go through with the current definition', async () => {
    await start({ tool_pinning: 'warn' });
    writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    await restartDocs();

    expect((await tool('search'))?.pin_status).toBe('changed');
    expect(await toolChanges('tool_changed')).toHaveLength(1);
    expect(await callSearch()).toMatchObject({ isError: false });
    const listed = (await agent.listTools()).tools.find((t) => t.name === 'docs__search');
    expect(listed?.description).toBe(SEARCH_TOOL_CHANGED.description);
  });

  it('off: pins nothing and records nothing; switching to block compares from then on', async () => {
    await start({ tool_pinning: 'off' });
    expect((await tool('search'))?.pin_status).toBeNull();
    writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    await restartDocs();
    expect(await callSearch()).toMatchObject({ isError: false });
    expect(await toolChanges('tool_changed')).toHaveLength(0);

    const settings = await core.data<{ tool_pinning: string }>('PATCH', '/api/v1/settings', {
      tool_pinning: 'block',
    });
    expect(settings.tool_pinning).toBe('block');
    await expect.poll(async () => (await tool('search'))?.pin_status).toBe('pinned');
    expect(await callSearch()).toMatchObject({ isError: false });
  });
});

describe('tool pinning: pins live in the activity database', () => {
  it('survive a restart of Switchboard (a change made meanwhile is caught) and go with their server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swb-pins-data-'));
    const config = {
      listen: '127.0.0.1:0',
      api_key: 'pins-api-key-0123456789',
      mcpServers: { docs: pinnedToolsEntry(toolsFile) },
    };
    writeFileSync(join(dataDir, 'mcp_config.json'), JSON.stringify(config));
    try {
      const first = await createSwitchboard({ dataDir, log: () => undefined });
      await expect.poll(async () => (await first.service.getServer('docs')).status).toBe('ready');
      await first.close();

      writeTools(toolsFile, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
      const second = await createSwitchboard({ dataDir, log: () => undefined });
      try {
        await expect
          .poll(async () => (await second.service.getServer('docs')).status)
          .toBe('ready');
        expect(second.upstreams.tools('docs').map((t) => [t.name, t.pin_status])).toEqual([
          ['search', 'changed'],
          ['fetch', 'pinned'],
        ]);
        await second.service.removeServer('docs');
        await expect.poll(() => second.pins.toolNames('docs')).toEqual([]);
      } finally {
        await second.close();
      }
      const db = openDatabase(join(dataDir, 'activity.db'));
      try {
        const rows = db.sqlite.prepare('SELECT count(*) AS n FROM tool_pins').get() as {
          n: number;
        };
        expect(rows.n).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const LONG_TOOL = { ...FETCH_TOOL, name: `fetch_${'x'.repeat(64)}` };

describe('tool pinning: routing to a server that is not up (SPEC 3)', () => {
  it('routes a tool a disabled server last listed (kept with the pins) to its own answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swb-pins-route-'));
    writeTools(toolsFile, [SEARCH_TOOL, LONG_TOOL]);
    const entry = pinnedToolsEntry(toolsFile);
    const write = (enabled: boolean): void =>
      writeFileSync(
        join(dataDir, 'mcp_config.json'),
        JSON.stringify({
          listen: '127.0.0.1:0',
          api_key: 'pins-api-key-0123456789',
          mcpServers: { docs: { ...entry, enabled } },
        }),
      );
    try {
      write(true);
      const first = await createSwitchboard({ dataDir, log: () => undefined });
      await expect.poll(async () => (await first.service.getServer('docs')).status).toBe('ready');
      await first.close();

      write(false);
      const second = await createSwitchboard({ dataDir, log: () => undefined });
      const client = await connectAgent(second.urls.mcp, second.tokens.create('route').token);
      try {
        // Shortened past 64 characters, so only the pinned names can map it back.
        const exposed = exposeName('docs', LONG_TOOL.name);
        expect(exposed).not.toBe(`docs__${LONG_TOOL.name}`);
        const known = await client.callTool({ name: exposed, arguments: {} });
        expect(known.isError).toBe(true);
        expect(resultText(known)).toBe('Upstream server "docs" is disabled.');
        // Mapped back to the tool's own name, which only the pins know while the server is off.
        await second.recorder.flush();
        const page = await second.service.listActivity({ type: ['tool_call'], limit: 10 });
        expect(page.activities.map((record) => record.tool_name)).toEqual([LONG_TOOL.name]);
      } finally {
        await client.close();
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
