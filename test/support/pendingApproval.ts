import type { PendingApproval } from '../../src/shared/approvals';

let counter = 0;

/** A pending approval as the gate builds it, expiring `timeoutMs` from now. */
export function pendingApproval(
  overrides: Partial<PendingApproval> = {},
  timeoutMs = 50_000,
): PendingApproval {
  counter += 1;
  const now = Date.now();
  return {
    id: `01JAPPROVAL${String(counter).padStart(15, '0')}`,
    kind: 'approval',
    server_name: 'github',
    tool_name: 'delete_repo',
    arguments: { repo: 'acme/site' },
    arguments_sha256: '0'.repeat(64),
    token_id: 'tok1',
    token_name: 'Claude Desktop',
    client_name: 'claude-ai',
    session_id: 's1',
    policy_id: 'ask-deletes',
    reason: 'Deletions need a person',
    requested_at: new Date(now).toISOString(),
    expires_at: new Date(now + timeoutMs).toISOString(),
    decision: null,
    decided_by: null,
    decided_at: null,
    ...overrides,
  };
}
