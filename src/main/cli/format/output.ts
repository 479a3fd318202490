import Table from 'cli-table3';
import { stringify as toYaml } from 'yaml';

export const OUTPUT_MODES = ['table', 'json', 'yaml'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** `--json` wins over `--output`; the default is a table for people. */
export function outputModeOf(options: { output?: string; json?: boolean }): OutputMode {
  if (options.json === true) return 'json';
  return (OUTPUT_MODES as readonly string[]).includes(options.output ?? '')
    ? (options.output as OutputMode)
    : 'table';
}

/** The text a command prints: machine formats carry the API's data as it is, tables are for people. */
export function renderOutput(mode: OutputMode, data: unknown, table: () => string): string {
  if (mode === 'json') return JSON.stringify(data, null, 2);
  if (mode === 'yaml') return toYaml(data).trimEnd();
  return table();
}

type Cell = string | number | boolean | null | undefined;

/** No rule between rows: long lists stay readable and half as tall. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A plain table (no colours, so it pipes and diffs cleanly). */
export function renderTable(head: string[], rows: Cell[][]): string {
  const table = new Table({
    head,
    chars: COMPACT,
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const row of rows) table.push(row.map(cellText));
  return table.toString();
}

/** Two columns: label and value. */
export function renderKeyValue(rows: [string, Cell][]): string {
  const table = new Table({ chars: COMPACT, style: { head: [], border: [] }, wordWrap: true });
  for (const [key, value] of rows) table.push({ [key]: cellText(value) });
  return table.toString();
}

function cellText(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value);
}
