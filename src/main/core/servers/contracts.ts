import type { ServerAction, ServerEntryInput, ServerInfo } from '../../../shared/servers';

/**
 * Changes to servers from REST, IPC and the CLI. Every change goes through the ConfigStore
 * (atomic rewrite) and writes a `server_change` or `quarantine_change` record saying what changed.
 */
export interface ServerAdmin {
  add(name: string, entry: ServerEntryInput): Promise<ServerInfo>;
  update(name: string, patch: Partial<ServerEntryInput>): Promise<ServerInfo>;
  remove(name: string): Promise<void>;
  act(name: string, action: ServerAction): Promise<ServerInfo>;
  /** `mcpServers` of a Claude Desktop / Cursor file (JSON text). Existing names are skipped. */
  importConfig(json: string): Promise<{ added: string[]; skipped: string[] }>;
}
