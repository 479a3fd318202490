import { describe, expect, it } from 'vitest';
import {
  parseKeyValueLines,
  parseServerImport,
  serverNameProblem,
  splitCommandLine,
} from '../../../../src/renderer/src/lib/serverImport';

describe('server import', () => {
  it('reads a Claude Desktop config as it is', () => {
    const parsed = parseServerImport(
      JSON.stringify({
        mcpServers: {
          everything: { command: 'npx', args: ['-y', 'x'], autoApprove: [] },
          docs: { url: 'https://example.com/mcp', type: 'http' },
        },
      }),
    );
    expect(parsed.ok && parsed.servers.map((server) => server.name)).toEqual([
      'everything',
      'docs',
    ]);
  });

  it('says what is wrong with bad input', () => {
    expect(parseServerImport('{nope')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(parseServerImport('[]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/JSON object/),
    });
    expect(parseServerImport('{"other":{}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/mcpServers/),
    });
    expect(parseServerImport('{"mcpServers":{"a":{"args":[]}}}')).toMatchObject({
      ok: false,
      error: 'mcpServers.a: needs "command" (stdio) or "url" (remote).',
    });
    expect(parseServerImport('{"mcpServers":{"a__b":{"command":"x"}}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"__"/),
    });
    expect(parseServerImport('{"mcpServers":{}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/empty/),
    });
  });

  it('validates server names', () => {
    expect(serverNameProblem('good-name_1')).toBeNull();
    expect(serverNameProblem('has space')).toMatch(/not a valid server name/);
  });

  it('splits command lines with quotes', () => {
    expect(splitCommandLine(`node "/my dir/x.js" --flag 'a b' ""`)).toEqual([
      'node',
      '/my dir/x.js',
      '--flag',
      'a b',
      '',
    ]);
  });

  it('parses env and header lines, naming a bad line', () => {
    expect(parseKeyValueLines('A=1\n\nB = two=2', '=')).toEqual({
      ok: true,
      values: { A: '1', B: 'two=2' },
    });
    expect(parseKeyValueLines('Authorization: Bearer x', ':')).toEqual({
      ok: true,
      values: { Authorization: 'Bearer x' },
    });
    expect(parseKeyValueLines('A=1\noops', '=')).toEqual({
      ok: false,
      error: 'Line 2 ("oops"): expected NAME=value.',
    });
  });
});
