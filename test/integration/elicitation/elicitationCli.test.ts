/** `switchboard approvals list` shows elicitations; `approvals answer` answers them (SPEC 10). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAgainst } from '../../support/cliInProcess';
import { elicitResultOf, startElicitationCore, type ElicitationCore } from './elicitationSupport';

let core: ElicitationCore;

beforeAll(async () => {
  core = await startElicitationCore();
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

function cli(...args: string[]): Promise<{ code: number; out: string }> {
  return runCliAgainst(core, ...args);
}

describe('switchboard approvals answer', () => {
  it('lists an elicitation and accepts it with JSON content, decided_by cli', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;

    const list = await cli('approvals', 'list');
    expect(list.code, list.out).toBe(0);
    expect(list.out).toContain(request.id);
    expect(list.out).toContain('elicitation');
    expect(list.out).toContain('form: name, age, password, color');
    expect(list.out).toContain('"Who is calling?"');

    const usage = await cli('approvals', 'answer', request.id, '--accept', '{name:');
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('--accept: expected the content as a JSON object');
    expect((await cli('approvals', 'answer', request.id, '--decline', '--cancel')).code).toBe(2);

    const misfit = await cli('approvals', 'answer', request.id, '--accept', '{"age": -1}');
    expect(misfit.code).toBe(1);
    expect(misfit.out).toContain('content.age: expected at least 0, got -1');

    const answered = await cli(
      'approvals',
      'answer',
      request.id,
      '--accept',
      '{"name": "Ada"}',
      '--json',
    );
    expect(answered.code, answered.out).toBe(0);
    expect(JSON.parse(answered.out)).toMatchObject({ action: 'accept', decided_by: 'cli' });
    expect(elicitResultOf(await call)).toEqual({
      action: 'accept',
      content: { name: 'Ada', color: 'red' },
    });
  });

  it('declines, and accepts a URL request with a bare --accept', async () => {
    const agent = await core.agent();
    let asked = core.nextElicitation();
    let call = agent.callTool({ name: 'ask__ask', arguments: {} });
    let request = await asked;
    expect((await cli('approvals', 'answer', request.id, '--decline')).code).toBe(0);
    expect(elicitResultOf(await call)).toEqual({ action: 'decline' });

    asked = core.nextElicitation();
    call = agent.callTool({ name: 'web__ask_url', arguments: {} });
    request = await asked;
    const list = await cli('approvals', 'list');
    expect(list.out).toContain('url https://example.com/verify?step=1');
    expect((await cli('approvals', 'answer', request.id, '--accept')).code).toBe(0);
    expect(elicitResultOf(await call)).toEqual({ action: 'accept' });
  });
});
