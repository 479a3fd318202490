import { ConfigError } from '../config/configError';

/**
 * The server map of another client's config file: `mcpServers` (Claude Desktop, Cursor,
 * Windsurf, Claude Code), `servers` (VS Code's `.vscode/mcp.json`) or `mcp.servers` (VS Code
 * user settings).
 */
export function importedEntries(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(
      `the file to import is not valid JSON (${(error as Error).message})`,
      'import',
    );
  }
  if (!isObject(parsed))
    throw new ConfigError('expected a JSON object with "mcpServers" or "servers"', 'import');
  const candidates: unknown[] = [
    parsed.mcpServers,
    parsed.servers,
    isObject(parsed.mcp) ? parsed.mcp.servers : undefined,
  ];
  const map = candidates.find(isObject);
  if (map === undefined) {
    throw new ConfigError(
      'found no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object to import',
      'import',
    );
  }
  return map;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
