import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/main/cli/cliErrors';
import { buildServerEntry } from '../../../../src/main/cli/commands/serverEntryArgs';

describe('buildServerEntry', () => {
  it('NAME -- CMD ARGS... is a stdio entry', () => {
    expect(
      buildServerEntry(['node', 'server.js', '--port', '3'], {
        env: { A: '1' },
        cwd: '/srv',
        timeoutMs: 5000,
      }),
    ).toEqual({
      command: 'node',
      args: ['server.js', '--port', '3'],
      env: { A: '1' },
      cwd: '/srv',
      timeout_ms: 5000,
    });
  });
  it('--url is a remote entry', () => {
    expect(
      buildServerEntry([], {
        url: 'https://example.com/mcp',
        transport: 'sse',
        header: { Authorization: 'Bearer x' },
        disabled: true,
      }),
    ).toEqual({
      url: 'https://example.com/mcp',
      transport: 'sse',
      headers: { Authorization: 'Bearer x' },
      enabled: false,
    });
  });
  it.each([
    [['node'], { url: 'http://x' }, /not both/],
    [[], {}, /missing the server/],
    [['node'], { header: { A: 'b' } }, /--header is for remote servers/],
    [[], { url: 'http://x', env: { A: 'b' } }, /--env and --cwd are for stdio servers/],
    [['node'], { transport: 'sse' as const }, /--transport is for remote servers/],
  ])('refuses %j %j', (command, options, message) => {
    expect(() => buildServerEntry(command, options)).toThrow(UsageError);
    expect(() => buildServerEntry(command, options)).toThrow(message);
  });
});
