/**
 * A 200,000-record export from a real `switchboard serve` process: row counts, RFC 4180 quoting
 * of commas, quotes and newlines, formula neutralisation, and the server's memory while it
 * streams (it must stay flat: the export reads the log only as fast as the socket drains).
 * The log is written through the real record queue into the data dir before serve starts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/shared/activity';
import { EXPORT_CHAIN_COLUMNS, EXPORT_CSV_COLUMNS } from '../../src/shared/activity';
import { createRecordQueue } from '../../src/main/core/activity';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../src/main/core/config';
import { openDatabase } from '../../src/main/core/db';
import { createActivityEventBus } from '../../src/main/core/events';
import { startServe, type ServeProcess } from '../support/serveProcess';

const ROWS = 200_000;
const SETTINGS = {
  ...DEFAULT_ACTIVITY_SETTINGS,
  activity_max_records: 1_000_000,
  activity_max_size_mb: 4096,
};

/** Cells a spreadsheet would run, and text that needs RFC 4180 quoting. */
const TRICKY: Partial<ActivityRecord>[] = [
  {
    tool_name: '=HYPERLINK("http://evil.example","click")',
    error_message: 'a, b and "c"\nsecond line\r\nthird',
  },
  { tool_name: '+cmd|calc', reason: '-2+3', client_name: '@SUM(A1:A9)' },
  { tool_name: 'tab', session_id: '\tstarts with a tab', error_message: '\rstarts with CR' },
  { tool_name: 'plain', reason: 'comma, only', error_message: 'quote " only' },
];

function record(i: number, base: number): ActivityRecord {
  const tricky = i % 50_000 === 7 ? TRICKY[Math.floor(i / 50_000) % TRICKY.length] : undefined;
  const failed = i % 17 === 0;
  return {
    id: ulid(base + i),
    type: 'tool_call',
    timestamp: new Date(base + i).toISOString(),
    server_name: `server-${i % 5}`,
    tool_name: `tool_${i % 23}`,
    arguments: { path: `/srv/data/file-${i}.txt`, mode: 'read' },
    response: `contents of file ${i}`.repeat(4),
    response_truncated: false,
    status: failed ? 'error' : 'success',
    error_message: failed ? `upstream said no to ${i}` : null,
    error_kind: failed ? 'tool_error' : null,
    duration_ms: i % 400,
    session_id: `session-${i % 40}`,
    client_name: 'load-agent',
    client_version: '1.0.0',
    token_id: `token-${i % 3}`,
    token_name: `Agent ${i % 3}`,
    request_bytes: 48,
    response_bytes: 88,
    policy_id: null,
    reason: null,
    metadata: {},
    ...tricky,
  };
}

/** A streaming RFC 4180 parser: counts rows and keeps those whose first cell is wanted. */
function csvReader(wanted: Set<string>): {
  push(text: string): void;
  end(): void;
  rows: number;
  kept: Map<string, string[]>;
  header: string[];
} {
  let cell = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  const state = { rows: 0, kept: new Map<string, string[]>(), header: [] as string[] };
  const endRow = (): void => {
    row.push(cell);
    cell = '';
    if (state.rows === 0 && state.header.length === 0) state.header = row;
    else {
      state.rows++;
      if (wanted.has(row[0] ?? '')) state.kept.set(row[0] ?? '', row);
    }
    row = [];
  };
  let pendingCr = false;
  return {
    push(text: string) {
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (pendingCr) {
          pendingCr = false;
          if (c === '\n') {
            endRow();
            continue;
          }
          cell += '\r';
        }
        if (quoted) {
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i++;
            } else if (i + 1 === text.length) {
              // A quote at a chunk edge: decided by the next chunk.
              quoted = false;
              afterQuote = true;
            } else quoted = false;
          } else cell += c;
        } else if (afterQuote && c === '"') {
          cell += '"';
          quoted = true;
          afterQuote = false;
        } else {
          afterQuote = false;
          if (c === '"') quoted = true;
          else if (c === ',') {
            row.push(cell);
            cell = '';
          } else if (c === '\r') pendingCr = true;
          else cell += c;
        }
      }
    },
    end() {
      if (cell !== '' || row.length > 0) endRow();
    },
    get rows() {
      return state.rows;
    },
    get kept() {
      return state.kept;
    },
    get header() {
      return state.header;
    },
  };
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

describe('export of 200,000 records from a running serve', () => {
  let serve: ServeProcess;
  const trickyIds = new Map<string, Partial<ActivityRecord>>();

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swb-export-'));
    const db = openDatabase(join(dataDir, 'activity.db'));
    const bus = createActivityEventBus();
    const queue = createRecordQueue({ db, bus, settings: () => SETTINGS });
    const base = Date.now() - ROWS - 60_000;
    const started = performance.now();
    for (let i = 0; i < ROWS; i++) {
      if (i % 1000 === 0) await queue.admit();
      const r = record(i, base);
      if (i % 50_000 === 7) trickyIds.set(r.id, TRICKY[Math.floor(i / 50_000) % TRICKY.length]!);
      queue.enqueue(r);
    }
    await queue.close();
    db.close();
    console.log(
      `seeded ${ROWS} records through the record queue in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    writeFileSync(
      join(dataDir, 'mcp_config.json'),
      JSON.stringify({
        listen: '127.0.0.1:0',
        api_key: `export-test-key-${Date.now()}`,
        mcpServers: {},
        ...SETTINGS,
      }),
    );
    serve = await startServe({ dataDir });
    // Seeding is CPU-bound (redaction, FTS): ~10 s alone, much longer on a shared, loaded machine.
  }, 300_000);
  afterAll(async () => {
    await serve?.stop();
  });

  async function exportWithPeak(
    query: string,
    onText: (text: string) => void,
  ): Promise<{ peakGrowthMb: number; seconds: number }> {
    const pid = serve.child.pid!;
    const baseline = rssKb(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
    const started = performance.now();
    try {
      const response = await fetch(
        `${serve.baseUrl}/api/v1/activity/export?${query}&apikey=${serve.apiKey}`,
      );
      expect(response.status).toBe(200);
      const decoder = new TextDecoder();
      for await (const chunk of response.body!) onText(decoder.decode(chunk, { stream: true }));
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssKb(pid));
    return {
      peakGrowthMb: (peak - baseline) / 1024,
      seconds: (performance.now() - started) / 1000,
    };
  }

  it('CSV: every row, quoting that round-trips, formulas neutralised, flat server memory', async () => {
    // Warm up the route so the baseline includes code that runs on every export.
    await (
      await fetch(
        `${serve.baseUrl}/api/v1/activity/export?format=csv&limit=1&server=none&apikey=${serve.apiKey}`,
      )
    ).text();
    const reader = csvReader(new Set(trickyIds.keys()));
    const { peakGrowthMb, seconds } = await exportWithPeak('format=csv', (text) =>
      reader.push(text),
    );
    reader.end();
    console.log(
      `CSV export: ${ROWS} rows in ${seconds.toFixed(2)} s (${Math.round(ROWS / seconds)} rows/s); serve RSS grew at most ${peakGrowthMb.toFixed(1)} MB (VmHWM ${(rssKb(serve.child.pid!, 'VmHWM') / 1024).toFixed(0)} MB)`,
    );
    // SPEC 12: the chain's columns follow the SPEC 7 ones.
    expect(reader.header).toEqual([...EXPORT_CSV_COLUMNS, ...EXPORT_CHAIN_COLUMNS]);
    expect(reader.rows).toBe(ROWS);
    expect(peakGrowthMb).toBeLessThan(150);

    const column = (row: string[], name: (typeof EXPORT_CSV_COLUMNS)[number]): string =>
      row[EXPORT_CSV_COLUMNS.indexOf(name)] ?? '';
    expect(reader.kept.size).toBe(trickyIds.size);
    for (const [id, tricky] of trickyIds) {
      const row = reader.kept.get(id)!;
      expect(row).toHaveLength(EXPORT_CSV_COLUMNS.length + EXPORT_CHAIN_COLUMNS.length);
      for (const [key, value] of Object.entries(tricky)) {
        const cell = column(row, key as (typeof EXPORT_CSV_COLUMNS)[number]);
        // Text round-trips through quoting; a cell that starts like a formula gains a leading quote.
        expect(cell, `${id} ${key}`).toBe(
          /^[=+\-@\t\r]/.test(String(value)) ? `'${String(value)}` : String(value),
        );
      }
    }
  }, 120_000);

  it('JSON Lines with bodies: every record once, each line valid JSON', async () => {
    const ids = new Set<string>();
    let partial = '';
    let lines = 0;
    let lastLine: { type: string } | null = null;
    const { peakGrowthMb, seconds } = await exportWithPeak(
      'format=jsonl&include_bodies=true',
      (text) => {
        const parts = (partial + text).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          lines++;
          lastLine = JSON.parse(line) as ActivityRecord | { type: 'checkpoint' };
          if (lastLine.type !== 'checkpoint') ids.add((lastLine as ActivityRecord).id);
        }
      },
    );
    console.log(
      `JSONL export with bodies: ${lines} rows in ${seconds.toFixed(2)} s (${Math.round(lines / seconds)} rows/s); serve RSS grew at most ${peakGrowthMb.toFixed(1)} MB`,
    );
    expect(partial).toBe('');
    // SPEC 12: an unfiltered export with bodies ends with its signed checkpoint.
    expect(lines).toBe(ROWS + 1);
    expect(lastLine).toMatchObject({ type: 'checkpoint' });
    expect(ids.size).toBe(ROWS);
    expect(peakGrowthMb).toBeLessThan(150);
  }, 120_000);

  it('serves list pages, search and the summary of the 200,000-record log quickly over HTTP', async () => {
    const timed = async (path: string, runs = 20): Promise<{ p50: number; p95: number }> => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const response = await fetch(`${serve.baseUrl}${path}`, {
          headers: { 'X-API-Key': serve.apiKey },
        });
        expect(response.status, path).toBe(200);
        await response.arrayBuffer();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { p50: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]! };
    };
    const first = (
      await serve.api<{ data: { next_cursor: string } }>('GET', '/api/v1/activity?limit=100')
    ).body.data;
    const results = {
      'first page': await timed('/api/v1/activity?limit=50'),
      'next page by cursor': await timed(`/api/v1/activity?limit=50&cursor=${first.next_cursor}`),
      'filtered (server, status)': await timed('/api/v1/activity?server=server-3&status=error'),
      'full text': await timed('/api/v1/activity?q=file-12345'),
      'summary 24h': await timed('/api/v1/activity/summary?period=24h', 5),
    };
    for (const [name, { p50, p95 }] of Object.entries(results)) {
      console.log(
        `200k log over HTTP, ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
      );
    }
    // Generous bounds: the numbers above are the measurement; these only catch a regression in kind.
    expect(results['first page'].p95).toBeLessThan(500);
    expect(results['next page by cursor'].p95).toBeLessThan(500);
  }, 120_000);

  it('a client that hangs up mid-export leaves the server serving', async () => {
    const controller = new AbortController();
    const response = await fetch(
      `${serve.baseUrl}/api/v1/activity/export?format=csv&apikey=${serve.apiKey}`,
      {
        signal: controller.signal,
      },
    );
    await response.body!.getReader().read();
    controller.abort();
    const status = await serve.api<{ success: boolean }>('GET', '/api/v1/status');
    expect(status.body.success).toBe(true);
  });
});
