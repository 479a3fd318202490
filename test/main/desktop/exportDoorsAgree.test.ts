/**
 * Every export door writes the file the one export builder (the service's exportActivity) makes:
 * the desktop's save-dialog export and the tray's one-click export produce what REST serves,
 * and an unfiltered JSON Lines export with bodies ends with its signed checkpoint (SPEC 12)
 * through each of them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirPublicKey, verifyExportFile } from '../../../src/main/core/audit';
import { createHttpServer, type SwitchboardHttpServer } from '../../../src/main/core/http';
import { createExportIpcHandlers } from '../../../src/main/desktop/exportIpc';
import type { IpcSenderLike } from '../../../src/main/desktop/ipcHandlers';
import { exportLast24Hours } from '../../../src/main/desktop/trayExport';
import type { ExportRequest } from '../../../src/shared/api';
import { activityRecord } from './activityRecordFixture';
import { desktopCoreFixture, type DesktopCoreFixture } from './desktopCoreFixture';

const NOW = new Date();
const RECORDS = 1500;
let core: DesktopCoreFixture;
let http: SwitchboardHttpServer;
let baseUrl: string;
let apiKey: string;

beforeAll(async () => {
  core = await desktopCoreFixture();
  apiKey = core.switchboard.config.get().api_key;
  http = createHttpServer({
    switchboard: core.switchboard,
    gateway: { handleRequest: async () => undefined },
    listen: '127.0.0.1:0',
    log: () => {},
  });
  baseUrl = `http://127.0.0.1:${(await http.listen()).port}`;
  for (let i = 0; i < RECORDS; i += 1) {
    // One record a minute back from now: the last 24 h hold 1440 of them.
    const timestamp = new Date(NOW.getTime() - (RECORDS - i) * 60_000).toISOString();
    core.switchboard.recorder.enqueue(
      activityRecord({ timestamp, tool_name: `tool_${i % 7}`, response: `body ${i} "é" \n` }),
    );
  }
  await core.switchboard.recorder.flush();
}, 60_000);

afterAll(async () => {
  await http?.close();
  await core?.cleanup();
});

async function overRest(request: ExportRequest): Promise<string> {
  const params = new URLSearchParams({
    format: request.format,
    include_bodies: String(request.include_bodies),
  });
  if (request.filter.start_time !== undefined) params.set('start_time', request.filter.start_time);
  const response = await fetch(`${baseUrl}/api/v1/activity/export?${params}`, {
    headers: { 'X-API-Key': apiKey },
  });
  expect(response.status).toBe(200);
  return response.text();
}

const sender: IpcSenderLike = { isDestroyed: () => false, send: () => {} };

async function overDesktop(request: ExportRequest, name: string): Promise<string> {
  const path = join(core.dataDir, name);
  const handlers = createExportIpcHandlers({
    service: core.switchboard.service,
    downloadsDir: core.dataDir,
    chooseSavePath: async () => path,
    showItemInFolder: () => {},
  });
  const result = await handlers.exportActivity(name, request, sender);
  expect(result).toMatchObject({ status: 'saved', path });
  return readFileSync(path, 'utf8');
}

const lines = (text: string): string[] => text.trimEnd().split('\n');
const parse = (line: string | undefined): Record<string, unknown> =>
  JSON.parse(line ?? '') as Record<string, unknown>;

async function verifiesAgainstTheLog(text: string, name: string): Promise<void> {
  const file = join(core.dataDir, `${name}.verify.jsonl`);
  writeFileSync(file, text);
  const sqlite = new Database(join(core.dataDir, 'activity.db'), { readonly: true });
  try {
    const result = await verifyExportFile(file, {
      sqlite,
      publicKey: dataDirPublicKey(core.dataDir),
    });
    expect(result).toMatchObject({ ok: true, records: RECORDS, checkpoints: 1 });
  } finally {
    sqlite.close();
  }
}

describe('every export door writes the same file', () => {
  it('unfiltered JSON Lines with bodies: the desktop file equals the REST body and both end with a signed checkpoint', async () => {
    const request: ExportRequest = { format: 'jsonl', filter: {}, include_bodies: true };
    const rest = await overRest(request);
    const desktop = await overDesktop(request, 'all.jsonl');

    const restLines = lines(rest);
    const desktopLines = lines(desktop);
    expect(desktopLines).toHaveLength(RECORDS + 1);
    // The records are the same bytes; each export forced its own checkpoint at the same head.
    expect(desktopLines.slice(0, -1)).toEqual(restLines.slice(0, -1));
    const head = parse(desktopLines[0]);
    for (const trailer of [parse(restLines.at(-1)), parse(desktopLines.at(-1))])
      expect(trailer).toMatchObject({ type: 'checkpoint', seq: head.seq, hash: head.hash });
    await verifiesAgainstTheLog(rest, 'rest');
    await verifiesAgainstTheLog(desktop, 'desktop');
  });

  it('CSV: the desktop file is the REST body byte for byte (no checkpoint: not JSON Lines)', async () => {
    const request: ExportRequest = { format: 'csv', filter: {}, include_bodies: true };
    const desktop = await overDesktop(request, 'all.csv');
    expect(desktop).toBe(await overRest(request));
    expect(lines(desktop)).toHaveLength(RECORDS + 1 + RECORDS); // header, and a newline per body
  });

  it("the tray's last 24 h is the REST body for the same filter byte for byte (filtered: no checkpoint)", async () => {
    const result = await exportLast24Hours('jsonl', {
      service: core.switchboard.service,
      downloadsDir: core.dataDir,
      notify: () => {},
      now: () => NOW,
    });
    expect(result).toMatchObject({ ok: true, rows: 1440 });
    const tray = readFileSync((result as { path: string }).path, 'utf8');
    const start_time = new Date(NOW.getTime() - 24 * 3_600_000).toISOString();
    expect(tray).toBe(
      await overRest({ format: 'jsonl', filter: { start_time }, include_bodies: false }),
    );
    expect(parse(lines(tray).at(-1)).type).not.toBe('checkpoint');
  });
});
