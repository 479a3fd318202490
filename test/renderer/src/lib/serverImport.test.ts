import { describe, expect, it } from 'vitest';
import {
  fixServerName,
  importPayload,
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
    expect(parseServerImport('{"mcpServers":{}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/empty/),
    });
  });

  it('keeps entries whose names are invalid here, each with a fixed name to import under', () => {
    const parsed = parseServerImport(
      JSON.stringify({
        mcpServers: {
          'my server': { command: 'a' },
          a__b: { command: 'b' },
          'my-server': { command: 'c' },
          'été 😀': { command: 'd' },
        },
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.servers.map((server) => [server.name, server.suggested])).toEqual([
      ['my server', 'my-server-2'],
      ['a__b', 'a_b'],
      ['my-server', 'my-server'],
      ['été 😀', 'ete'],
    ]);
    expect(parsed.servers[1]?.problem).toMatch(/"__"/);
    expect(parsed.servers[2]?.problem).toBeNull();

    const skipOne = importPayload(parsed.servers, new Map([['a__b', null]]));
    expect(skipOne.ok && JSON.parse(skipOne.json)).toEqual({
      mcpServers: {
        'my-server-2': { command: 'a' },
        'my-server': { command: 'c' },
        ete: { command: 'd' },
      },
    });
    expect(importPayload(parsed.servers, new Map([['my server', 'bad name']]))).toEqual({
      ok: false,
      error:
        '"my server": "bad name" is not a valid server name: use 1-64 letters, digits, "_" or "-".',
    });
    expect(importPayload(parsed.servers, new Map([['my server', 'my-server']]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/chosen for two servers/),
    });
  });

  it('fixes names: invalid characters to "-", "__" to "_", at most 64, never a taken name', () => {
    expect(fixServerName('Brave Search')).toBe('Brave-Search');
    expect(fixServerName('a.b/c')).toBe('a-b-c');
    expect(fixServerName('  ')).toBe('server');
    expect(fixServerName('x'.repeat(70), new Set(['x'.repeat(64)]))).toBe(`${'x'.repeat(62)}-2`);
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
