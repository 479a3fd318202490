/** The `tool_pins` table (migration 6): statements prepared once, every listing in one transaction. */
import type Database from 'better-sqlite3';
import type { PinStatus, ToolDefinition } from '../../../shared/toolPins';

export interface ToolPin {
  server: string;
  tool: string;
  status: PinStatus;
  sha256: string;
  definition: ToolDefinition;
  pinned_at: string;
  /** The listed definition while it differs from the pin (status `changed`). */
  current: { sha256: string; definition: ToolDefinition; at: string } | null;
}

interface PinRow {
  server_name: string;
  tool_name: string;
  status: PinStatus;
  sha256: string;
  definition: string;
  pinned_at: string;
  current_sha256: string | null;
  current_definition: string | null;
  changed_at: string | null;
}

export interface PinRepository {
  all(): ToolPin[];
  /** Applies upserts and deletes atomically. */
  write(changes: { put: ToolPin[]; remove: { server: string; tool: string }[] }): void;
  removeServer(server: string): void;
}

export function createPinRepository(sqlite: Database.Database): PinRepository {
  const selectAll = sqlite.prepare<[], PinRow>('SELECT * FROM tool_pins');
  const upsert = sqlite.prepare<PinRow>(`
    INSERT INTO tool_pins (server_name, tool_name, status, sha256, definition, pinned_at,
                           current_sha256, current_definition, changed_at)
    VALUES (@server_name, @tool_name, @status, @sha256, @definition, @pinned_at,
            @current_sha256, @current_definition, @changed_at)
    ON CONFLICT (server_name, tool_name) DO UPDATE SET
      status = excluded.status, sha256 = excluded.sha256, definition = excluded.definition,
      pinned_at = excluded.pinned_at, current_sha256 = excluded.current_sha256,
      current_definition = excluded.current_definition, changed_at = excluded.changed_at`);
  const deleteOne = sqlite.prepare<[string, string]>(
    'DELETE FROM tool_pins WHERE server_name = ? AND tool_name = ?',
  );
  const deleteServer = sqlite.prepare<[string]>('DELETE FROM tool_pins WHERE server_name = ?');
  const write = sqlite.transaction(
    (changes: { put: ToolPin[]; remove: { server: string; tool: string }[] }) => {
      for (const pin of changes.put) upsert.run(toRow(pin));
      for (const { server, tool } of changes.remove) deleteOne.run(server, tool);
    },
  );
  return {
    all: () => selectAll.all().map(fromRow),
    write: (changes) => {
      if (changes.put.length > 0 || changes.remove.length > 0) write(changes);
    },
    removeServer: (server) => void deleteServer.run(server),
  };
}

function toRow(pin: ToolPin): PinRow {
  return {
    server_name: pin.server,
    tool_name: pin.tool,
    status: pin.status,
    sha256: pin.sha256,
    definition: JSON.stringify(pin.definition),
    pinned_at: pin.pinned_at,
    current_sha256: pin.current?.sha256 ?? null,
    current_definition: pin.current ? JSON.stringify(pin.current.definition) : null,
    changed_at: pin.current?.at ?? null,
  };
}

function fromRow(row: PinRow): ToolPin {
  const current =
    row.current_sha256 !== null && row.current_definition !== null
      ? {
          sha256: row.current_sha256,
          definition: JSON.parse(row.current_definition) as ToolDefinition,
          at: row.changed_at ?? row.pinned_at,
        }
      : null;
  return {
    server: row.server_name,
    tool: row.tool_name,
    status: row.status,
    sha256: row.sha256,
    definition: JSON.parse(row.definition) as ToolDefinition,
    pinned_at: row.pinned_at,
    current,
  };
}
