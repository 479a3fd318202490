/**
 * SPEC 3 and 10 end to end: a real SDK client calls through Switchboard to a real upstream that
 * elicits during the call (over stdio and over Streamable HTTP); a person answers over REST, or,
 * with `"elicitation": "agent"`, the agent's own SDK client answers.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName, sessionCookieValue } from '../../../src/main/core/http/apiKeyAuth';
import {
  FORM_SCHEMA_FIELDS,
  elicitResultOf,
  startElicitationCore,
  type ElicitationCore,
} from './elicitationSupport';
import { openEventText } from '../apiSupport';

let core: ElicitationCore;

beforeAll(async () => {
  core = await startElicitationCore();
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

describe('an upstream elicitation answered in Switchboard (default)', () => {
  it('joins the pending list; an accept reaches the upstream and the call records it, content redacted', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;
    expect(request).toMatchObject({
      kind: 'elicitation',
      server_name: 'ask',
      message: 'Who is calling?',
      mode: 'form',
      action: null,
      decided_by: null,
      decided_at: null,
    });
    expect(Object.keys(request.requested_schema?.properties ?? {})).toEqual(FORM_SCHEMA_FIELDS);
    expect(request).not.toHaveProperty('url');
    expect(request.related_record_ids).toHaveLength(1);
    expect(Date.parse(request.expires_at) - Date.parse(request.requested_at)).toBe(50_000);
    expect(await core.data('GET', '/api/v1/approvals')).toEqual([request]);
    expect(await core.data('GET', `/api/v1/approvals/${request.id}`)).toEqual(request);

    const answered = await core.data('POST', `/api/v1/approvals/${request.id}`, {
      action: 'accept',
      content: { name: 'Ada', age: 36, password: 'hunter2' },
    });
    expect(answered).toMatchObject({ id: request.id, action: 'accept', decided_by: 'api' });
    // The upstream gets the content, with the schema's defaults filled in (applyDefaults).
    expect(elicitResultOf(await call)).toEqual({
      action: 'accept',
      content: { name: 'Ada', age: 36, password: 'hunter2', color: 'red' },
    });

    const [record] = await core.records('server=ask&tool=ask');
    expect(record?.id).toBe(request.related_record_ids[0]);
    expect(record?.status).toBe('success');
    expect(record?.metadata.elicitations).toEqual([
      {
        message: 'Who is calling?',
        action: 'accept',
        decided_by: 'api',
        waited_ms: expect.any(Number),
        content: { name: 'Ada', age: 36, password: '[REDACTED]' },
      },
    ]);
    // SPEC 12: the exchange is part of the record the chain hashed.
    expect(await core.data('GET', '/api/v1/activity/verify')).toMatchObject({ ok: true });
  });

  it('refuses content that does not fit with a 400 naming the field, then takes a decline; a second answer is 409', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;
    const path = `/api/v1/approvals/${request.id}`;

    const bad = await core.api<{ success: boolean; error: string }>('POST', path, {
      action: 'accept',
      content: { age: 'old', shoe: 44 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe(
      'content.age: expected an integer, got "old"; content.shoe: not a field of the requested schema (fields: name, age, password, color); content.name: required, and missing',
    );
    const noAction = await core.api<{ error: string }>('POST', path, { decision: 'allow_once' });
    expect(noAction.status).toBe(400);
    expect(noAction.body.error).toMatch(/^action: expected "accept", "decline" or "cancel"/);
    expect(await core.data('GET', '/api/v1/approvals')).toEqual([request]);

    await core.data('POST', path, { action: 'decline' });
    expect(elicitResultOf(await call)).toEqual({ action: 'decline' });
    const again = await core.api<{ error: string }>('POST', path, { action: 'cancel' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already decided \(decline by api\)/);
    expect((await core.api('POST', '/api/v1/approvals/01NOPE', { action: 'cancel' })).status).toBe(
      404,
    );

    const [record] = await core.records('server=ask&tool=ask');
    expect(record?.metadata.elicitations).toEqual([
      {
        message: 'Who is calling?',
        action: 'decline',
        decided_by: 'api',
        waited_ms: expect.any(Number),
      },
    ]);
  });

  it('a cancel reaches the upstream as cancel', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;
    await core.data('POST', `/api/v1/approvals/${request.id}`, { action: 'cancel' });
    expect(elicitResultOf(await call)).toEqual({ action: 'cancel' });
  });

  it('is answered only with the api key: an MCP token gets 401', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;
    const response = await fetch(`${core.base}/api/v1/approvals/${request.id}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${core.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'accept', content: { name: 'Mallory' } }),
    });
    expect(response.status).toBe(401);
    expect(core.switchboard.approvals.get(request.id)).toMatchObject({ action: null });
    await core.data('POST', `/api/v1/approvals/${request.id}`, { action: 'decline' });
    expect(elicitResultOf(await call)).toEqual({ action: 'decline' });
  });

  it('over Streamable HTTP names the call it belongs to, even with another call to that server in flight', async () => {
    const [first, second] = [await core.agent('first'), await core.agent('second')];
    const asked = [core.nextElicitation()];
    const firstCall = first.callTool({ name: 'web__ask', arguments: {} });
    const one = await asked[0]!;
    asked.push(core.nextElicitation());
    const secondCall = second.callTool({ name: 'web__ask', arguments: {} });
    const two = await asked[1]!;
    expect(one.related_record_ids).toHaveLength(1);
    expect(two.related_record_ids).toHaveLength(1);
    expect(two.related_record_ids).not.toEqual(one.related_record_ids);

    await core.data('POST', `/api/v1/approvals/${two.id}`, {
      action: 'accept',
      content: { name: 'Two' },
    });
    await core.data('POST', `/api/v1/approvals/${one.id}`, {
      action: 'accept',
      content: { name: 'One' },
    });
    expect(elicitResultOf(await firstCall)).toMatchObject({ content: { name: 'One' } });
    expect(elicitResultOf(await secondCall)).toMatchObject({ content: { name: 'Two' } });
    const records = await core.records('server=web&tool=ask');
    const byId = new Map(records.map((record) => [record.id, record]));
    expect(byId.get(one.related_record_ids[0]!)?.client_name).toBe('first');
    expect(byId.get(two.related_record_ids[0]!)?.client_name).toBe('second');
  });

  it('in URL mode carries the url, and an accept carries no content', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'web__ask_url', arguments: {} });
    const request = await asked;
    expect(request).toMatchObject({
      mode: 'url',
      url: 'https://example.com/verify?step=1',
      requested_schema: null,
      message: 'Sign in to continue',
    });
    const refused = await core.api('POST', `/api/v1/approvals/${request.id}`, {
      action: 'accept',
      content: { name: 'x' },
    });
    expect(refused.status).toBe(400);
    await core.data('POST', `/api/v1/approvals/${request.id}`, { action: 'accept' });
    expect(elicitResultOf(await call)).toEqual({ action: 'accept' });
  });
});

describe('events', () => {
  it('streams approval.requested and approval.resolved with the elicitation; the UI cookie answers as ui', async () => {
    const events = await openEventText(core);
    const agent = await core.agent();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    await events.readUntil('event: approval.requested');
    await events.readUntil('\n\n');
    const request = core.switchboard.approvals.pending()[0]!;
    const cookie = `${sessionCookieName(Number(new URL(core.base).port))}=${sessionCookieValue(core.apiKey)}`;
    const answered = await fetch(`${core.base}/api/v1/approvals/${request.id}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'decline' }),
    });
    expect(answered.status).toBe(200);
    await events.readUntil('event: approval.resolved');
    await events.readUntil('\n\n');
    expect(elicitResultOf(await call)).toEqual({ action: 'decline' });
    events.close();

    const frames = events
      .text()
      .split('\n\n')
      .filter((frame) => frame.includes('event: approval.'));
    const [requested, resolved] = frames.map(
      (frame) => JSON.parse(frame.split('data: ')[1]!) as Record<string, unknown>,
    );
    expect(requested).toMatchObject({
      id: request.id,
      kind: 'elicitation',
      message: 'Who is calling?',
    });
    expect(resolved).toMatchObject({ id: request.id, action: 'decline', decided_by: 'ui' });
  });
});

describe('"elicitation": "agent"', () => {
  it('forwards to the agent of the call when its client handles elicitation, else falls back to the list', async () => {
    await core.data('PATCH', '/api/v1/settings', { elicitation: 'agent' });
    try {
      const client = new Client(
        { name: 'answering-agent', version: '1.0.0' },
        { capabilities: { elicitation: { form: {}, url: {} } } },
      );
      const seen: unknown[] = [];
      client.setRequestHandler(ElicitRequestSchema, (request) => {
        seen.push(request.params);
        return request.params.mode === 'url'
          ? { action: 'decline' }
          : { action: 'accept', content: { name: 'Agent Smith' } };
      });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(core.switchboard.urls.mcp), {
          requestInit: { headers: { Authorization: `Bearer ${core.token}` } },
        }),
      );
      try {
        let listed = 0;
        const stop = core.switchboard.approvals.onDidChange(() => listed++);
        for (const name of ['ask__ask', 'web__ask']) {
          const result = await client.callTool({ name, arguments: {} });
          expect(elicitResultOf(result)).toEqual({
            action: 'accept',
            content: { name: 'Agent Smith', color: 'red' },
          });
        }
        expect(
          elicitResultOf(await client.callTool({ name: 'web__ask_url', arguments: {} })),
        ).toEqual({
          action: 'decline',
        });
        stop();
        expect(listed).toBe(0);
        expect(seen).toHaveLength(3);
        const [record] = await core.records('server=web&tool=ask_url');
        expect(record?.metadata.elicitations).toEqual([
          {
            message: 'Sign in to continue',
            action: 'decline',
            decided_by: 'agent',
            waited_ms: expect.any(Number),
          },
        ]);
      } finally {
        await client.close();
      }

      // An agent whose client cannot answer: the person at Switchboard does.
      const plain = await core.agent('no-elicitation');
      const asked = core.nextElicitation();
      const call = plain.callTool({ name: 'web__ask', arguments: {} });
      const request = await asked;
      await core.data('POST', `/api/v1/approvals/${request.id}`, { action: 'decline' });
      expect(elicitResultOf(await call)).toEqual({ action: 'decline' });
    } finally {
      await core.data('PATCH', '/api/v1/settings', { elicitation: 'switchboard' });
    }
  });
});
