import { describe, expect, it } from 'vitest';
import type { PendingElicitation } from '../../../../src/shared/approvals';
import {
  formatApprovalLine,
  renderApprovals,
} from '../../../../src/main/cli/format/approvalFormat';

const elicitation: PendingElicitation = {
  id: '01KBT3ELICIT',
  kind: 'elicitation',
  server_name: 'github',
  message: 'Which repository?',
  requested_schema: { type: 'object', properties: { repo: { type: 'string' } } },
  mode: 'form',
  related_record_ids: ['01KBT2CALL'],
  requested_at: '2026-12-06T01:02:03.000Z',
  expires_at: '2026-12-06T01:02:53.000Z',
  action: null,
  decided_by: null,
  decided_at: null,
};

describe('approval lines for elicitations', () => {
  it('lists what an elicitation asks and the calls it belongs to', () => {
    const table = renderApprovals([elicitation], Date.parse('2026-12-06T01:02:13.000Z'));
    expect(table).toContain('elicitation');
    expect(table).toContain('form: repo');
    expect(table).toContain('01KBT2CALL');
    expect(table).toContain('40 s');
    expect(table).toContain('"Which repository?"');
    expect(renderApprovals([])).toBe('Nothing is waiting for a decision.');
  });

  it('watch prints the request with how to answer it, and the answer with who gave it', () => {
    expect(formatApprovalLine({ event: 'approval.requested', request: elicitation })).toBe(
      '01:02:03.000  elicitation?       github asks  "Which repository?"  01KBT2CALL  (switchboard approvals answer 01KBT3ELICIT --accept JSON|--decline|--cancel)',
    );
    const answered: PendingElicitation = {
      ...elicitation,
      action: 'decline',
      decided_by: 'cli',
      decided_at: '2026-12-06T01:02:09.500Z',
    };
    expect(formatApprovalLine({ event: 'approval.resolved', request: answered })).toBe(
      '01:02:09.500  elicitation        decline by cli  github asks  01KBT3ELICIT',
    );
  });
});
