import { describe, expect, it } from 'vitest';
import type { ServerInfo } from '../../../../src/shared/servers';
import {
  renderPolicies,
  renderServers,
  renderTokens,
  serverTarget,
} from '../../../../src/main/cli/format/resourceFormat';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('resource tables', () => {
  it('servers show their target and state; none gives a hint', () => {
    const stdio = {
      name: 'everything',
      transport: 'stdio',
      command: 'node',
      args: ['e.js', 'stdio'],
      enabled: true,
      quarantined: false,
      status: 'ready',
      error: null,
      tools_count: 12,
      timeout_ms: 600000,
    } as ServerInfo;
    expect(serverTarget(stdio)).toBe('node e.js stdio');
    const text = renderServers([stdio]);
    expect(text).toContain('everything');
    expect(text).toContain('ready');
    expect(text).toContain('12');
    expect(renderServers([])).toMatch(/switchboard servers add NAME -- COMMAND/);
  });

  it('tokens show relative times and state', () => {
    const text = renderTokens(
      [
        {
          id: 't1',
          name: 'Claude Desktop',
          created_at: '2026-11-21T12:00:00.000Z',
          last_used_at: null,
          revoked: true,
        },
      ],
      NOW,
    );
    expect(text).toContain('2d ago');
    expect(text).toContain('never');
    expect(text).toContain('revoked');
  });

  it('policies show order, defaults and argument matchers', () => {
    const text = renderPolicies([
      {
        id: 'no-deletes',
        effect: 'block',
        tool: 'delete_*',
        arguments: { path: '/etc/**' },
        reason: 'Deletions need a human',
      },
    ]);
    expect(text).toContain('no-deletes');
    expect(text).toContain('path ~ /etc/**');
    expect(text).toMatch(/│ \* +│ delete_\*/);
    expect(renderPolicies([])).toMatch(/every call is allowed/);
  });
});
