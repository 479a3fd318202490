import type { Launcher } from '../../../shared/servers';

/**
 * Copy-ready configuration for the clients people connect (Tokens & Connect view). Each uses the
 * MCP URL from the running instance and the token just created (or a placeholder).
 */

export interface ConnectSnippet {
  client: string;
  /** Where the snippet goes, in words. */
  where: string;
  language: 'json' | 'shell';
  text: string;
}

export const TOKEN_PLACEHOLDER = '<paste your swb_ token>';

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function connectSnippets(
  mcpUrl: string,
  token: string | null,
  launcher?: Launcher,
): ConnectSnippet[] {
  const secret = token ?? TOKEN_PLACEHOLDER;
  // GUI apps start without the shell's PATH: name the launcher by absolute path when known.
  const command = launcher?.command ?? 'switchboard';
  const launcherArgs = launcher?.args ?? [];
  const bearer = `Bearer ${secret}`;
  return [
    {
      client: 'Claude Desktop',
      where: 'claude_desktop_config.json (Settings → Developer → Edit Config); stdio bridge',
      language: 'json',
      text: json({
        mcpServers: {
          switchboard: {
            command,
            args: [...launcherArgs, 'connect', '--token', secret, '--url', mcpUrl],
            ...(launcher?.env !== undefined ? { env: launcher.env } : {}),
          },
        },
      }),
    },
    {
      client: 'Cursor',
      where: '~/.cursor/mcp.json (or .cursor/mcp.json in a project)',
      language: 'json',
      text: json({
        mcpServers: { switchboard: { url: mcpUrl, headers: { Authorization: bearer } } },
      }),
    },
    {
      client: 'VS Code',
      where: '.vscode/mcp.json in the workspace (or MCP: Open User Configuration)',
      language: 'json',
      text: json({
        servers: { switchboard: { type: 'http', url: mcpUrl, headers: { Authorization: bearer } } },
      }),
    },
    {
      client: 'Claude Code',
      where: 'Run it in a terminal (adds Switchboard for the current user)',
      language: 'shell',
      text: `claude mcp add --transport http switchboard ${mcpUrl} --header "Authorization: ${bearer}"`,
    },
  ];
}
