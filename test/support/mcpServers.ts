import { resolve } from 'node:path';

/** Real MCP servers from devDependencies, started with `node` (never `npx -y`: no network here). */
const root = resolve(import.meta.dirname, '../..');

export const SERVER_EVERYTHING = resolve(
  root,
  'node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);
export const SERVER_FILESYSTEM = resolve(
  root,
  'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
);
export const SERVER_MEMORY = resolve(
  root,
  'node_modules/@modelcontextprotocol/server-memory/dist/index.js',
);
export const SWITCHBOARD_BIN = resolve(root, 'bin/switchboard.js');
export const MCP_PROXY_BIN = resolve(root, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs');

/** A stdio entry for `mcpServers` that runs server-everything. */
export function everythingStdioEntry(): { command: string; args: string[] } {
  return { command: process.execPath, args: [SERVER_EVERYTHING, 'stdio'] };
}
