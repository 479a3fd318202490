/** The table of `servers tools NAME`. */
import type { ToolInfo } from '../../../shared/servers';
import { renderTable } from './output';

const MAX_DESCRIPTION = 60;

export function renderServerTools(server: string, tools: ToolInfo[]): string {
  if (tools.length === 0) return `Server ${server} lists no tools (or is not connected).`;
  const rows = tools.map((tool) => [
    tool.exposed_name,
    tool.pin_status === 'changed' ? 'CHANGED' : (tool.pin_status ?? 'unpinned'),
    oneLine(tool.description ?? ''),
  ]);
  const changed = tools.filter((tool) => tool.pin_status === 'changed');
  const hint =
    changed.length === 0
      ? ''
      : `\n${changed.length} changed: review with --json, approve with \`switchboard servers approve-tool ${server} ${changed[0]?.name ?? 'TOOL'}\`.`;
  return `${renderTable(['TOOL', 'PIN', 'DESCRIPTION'], rows)}${hint}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION - 1)}…` : flat;
}
