import type { PendingElicitation } from '../../src/shared/approvals';

let counter = 0;

/** A pending form-mode elicitation as the core lists it, expiring `timeoutMs` from now. */
export function pendingElicitation(
  overrides: Partial<PendingElicitation> = {},
  timeoutMs = 50_000,
): PendingElicitation {
  counter += 1;
  const now = Date.now();
  return {
    id: `01JELICIT${String(counter).padStart(17, '0')}`,
    kind: 'elicitation',
    server_name: 'everything',
    message: 'Please provide inputs for the following fields:',
    requested_schema: {
      type: 'object',
      properties: { name: { type: 'string', title: 'Name' } },
      required: ['name'],
    },
    mode: 'form',
    related_record_ids: ['01JCALL0000000000000000001'],
    requested_at: new Date(now).toISOString(),
    expires_at: new Date(now + timeoutMs).toISOString(),
    action: null,
    decided_by: null,
    decided_at: null,
    ...overrides,
  };
}
