import { describe, expect, it } from 'vitest';
import {
  TOKEN_PLACEHOLDER,
  connectSnippets,
} from '../../../../src/renderer/src/lib/connectSnippets';

describe('connect snippets', () => {
  const url = 'http://127.0.0.1:8080/mcp';

  it('gives each client a config that carries the URL and the token', () => {
    const snippets = connectSnippets(url, 'swb_secret');
    expect(snippets.map((snippet) => snippet.client)).toEqual([
      'Claude Desktop',
      'Cursor',
      'VS Code',
      'Claude Code',
    ]);
    const claude = JSON.parse(snippets[0]!.text) as {
      mcpServers: { switchboard: { args: string[] } };
    };
    expect(claude.mcpServers.switchboard.args).toEqual([
      'connect',
      '--token',
      'swb_secret',
      '--url',
      url,
    ]);
    const vscode = JSON.parse(snippets[2]!.text) as {
      servers: { switchboard: { type: string; headers: object } };
    };
    expect(vscode.servers.switchboard.type).toBe('http');
    expect(vscode.servers.switchboard.headers).toEqual({ Authorization: 'Bearer swb_secret' });
    expect(snippets[3]!.text).toBe(
      `claude mcp add --transport http switchboard ${url} --header "Authorization: Bearer swb_secret"`,
    );
  });

  it('names the switchboard launcher by absolute path when the instance knows it', () => {
    const launcher = {
      command: '/opt/node/bin/node',
      args: ['/opt/switchboard/bin/switchboard.js'],
    };
    const claude = JSON.parse(connectSnippets(url, 'swb_secret', launcher)[0]!.text) as {
      mcpServers: { switchboard: { command: string; args: string[] } };
    };
    expect(claude.mcpServers.switchboard).toEqual({
      command: '/opt/node/bin/node',
      args: [
        '/opt/switchboard/bin/switchboard.js',
        'connect',
        '--token',
        'swb_secret',
        '--url',
        url,
      ],
    });
  });

  it("carries the launcher's environment (the desktop app runs its own binary as Node)", () => {
    const launcher = {
      command: '/Applications/Switchboard.app/Contents/MacOS/Switchboard',
      args: ['/Applications/Switchboard.app/Contents/Resources/app/bin/switchboard.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    };
    const claude = JSON.parse(connectSnippets(url, 'swb_secret', launcher)[0]!.text) as {
      mcpServers: { switchboard: { command: string; env: object } };
    };
    expect(claude.mcpServers.switchboard.command).toBe(launcher.command);
    expect(claude.mcpServers.switchboard.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });

  it('uses a placeholder when no secret is at hand', () => {
    expect(connectSnippets(url, null)[1]!.text).toContain(TOKEN_PLACEHOLDER);
  });
});
