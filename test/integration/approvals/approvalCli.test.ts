/** `switchboard approvals list | allow ID [--session] | deny ID` against a running core (SPEC 10). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAgainst } from '../../support/cliInProcess';
import { resultText } from '../../support/agent';
import { startApprovalCore, type ApprovalCore } from './approvalSupport';

let core: ApprovalCore;

beforeAll(async () => {
  core = await startApprovalCore();
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

function cli(...args: string[]): Promise<{ code: number; out: string }> {
  return runCliAgainst(core, ...args);
}

describe('switchboard approvals', () => {
  it('lists a held call and allows it for the session, decided_by cli', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'cli' } });
    const approval = await requested;

    const list = await cli('approvals', 'list');
    expect(list.code, list.out).toBe(0);
    expect(list.out).toContain(approval.id);
    expect(list.out).toContain('everything__echo');

    const allowed = await cli('approvals', 'allow', approval.id, '--session', '--json');
    expect(allowed.code, allowed.out).toBe(0);
    expect(JSON.parse(allowed.out)).toMatchObject({
      decision: 'allow_session',
      decided_by: 'cli',
    });
    expect(resultText(await call)).toBe('Echo: cli');

    const again = await cli('approvals', 'deny', approval.id);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already decided');
  });
});
