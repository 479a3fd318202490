import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  last24HoursFilter,
  uniqueFilePath,
  writeActivityExportFile,
} from '../../../src/main/desktop/activityExportFile';
import { createExportIpcHandlers } from '../../../src/main/desktop/exportIpc';
import type { IpcSenderLike } from '../../../src/main/desktop/ipcHandlers';
import { exportLast24Hours, type TrayExportNotice } from '../../../src/main/desktop/trayExport';
import { createExportStream } from '../../../src/main/core/activity/export';
import type { ActivityFilter } from '../../../src/shared/activity';
import type { ExportProgress, ExportRequest } from '../../../src/shared/api';
import { exportProgressChannel } from '../../../src/shared/ipc';
import { activityRecord } from './activityRecordFixture';
import { desktopCoreFixture, type DesktopCoreFixture } from './desktopCoreFixture';

const NOW = new Date();
const RECORDS = 3000;
let core: DesktopCoreFixture;
let out: string;

beforeAll(async () => {
  core = await desktopCoreFixture();
  out = mkdtempSync(join(tmpdir(), 'switchboard-export-'));
  for (let i = 0; i < RECORDS; i += 1) {
    // One record a minute back from now: the last 24 h (start inclusive) hold 1440 of them.
    const timestamp = new Date(NOW.getTime() - (i + 1) * 60_000).toISOString();
    core.switchboard.recorder.enqueue(activityRecord({ timestamp, tool_name: `tool_${i % 7}` }));
  }
  await core.switchboard.recorder.flush();
});
afterAll(async () => {
  await core.cleanup();
  rmSync(out, { recursive: true, force: true });
});

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}

describe('writeActivityExportFile', () => {
  it('writes every matching record through the core export stream, reporting progress', async () => {
    const path = join(out, 'all.jsonl');
    const progress: ExportProgress[] = [];
    const result = await writeActivityExportFile({
      service: core.switchboard.service,
      request: { format: 'jsonl', filter: {}, include_bodies: false },
      path,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({ status: 'saved', rows: RECORDS });
    expect(lines(path)).toHaveLength(RECORDS);
    expect(progress.at(-1)).toEqual({ rows: RECORDS, total: RECORDS });
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('leaves no file behind when cancelled', async () => {
    const path = join(out, 'cancelled.csv');
    const controller = new AbortController();
    const { activity } = core.switchboard;
    // The user cancels while rows are being read: after the 100th.
    const store = {
      count: activity.count.bind(activity),
      *iterateExport(...args: Parameters<typeof activity.iterateExport>) {
        let n = 0;
        for (const record of activity.iterateExport(...args)) {
          n += 1;
          if (n === 100) controller.abort();
          yield record;
        }
      },
    };
    const service = {
      listActivity: async (query: ActivityFilter) => ({
        activities: [],
        total: store.count(query),
        limit: 1,
        offset: 0,
        next_cursor: null,
      }),
      exportActivity: (request: ExportRequest, onRows?: (rows: number) => void) =>
        createExportStream({ store, ...request, ...(onRows ? { onRows } : {}) }),
    };
    const result = await writeActivityExportFile({
      service,
      request: { format: 'csv', filter: {}, include_bodies: true },
      path,
      signal: controller.signal,
    });
    expect(result).toEqual({ status: 'cancelled' });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('never overwrites: a taken name gets a number', async () => {
    const first = await uniqueFilePath(out, 'all.jsonl');
    expect(first).toBe(join(out, 'all (2).jsonl'));
    expect(await uniqueFilePath(out, 'free.csv')).toBe(join(out, 'free.csv'));
  });
});

describe('one-click tray export', () => {
  it('writes the last 24 h to the downloads folder and announces a notification that opens it', async () => {
    const downloads = join(out, 'Downloads');
    const notices: TrayExportNotice[] = [];
    const result = await exportLast24Hours('csv', {
      service: core.switchboard.service,
      downloadsDir: downloads,
      notify: (notice) => notices.push(notice),
      now: () => NOW,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.rows).toBe(1440);
    expect(readdirSync(downloads)).toEqual([
      `switchboard-activity-${NOW.toISOString().slice(0, 10)}.csv`,
    ]);
    const [header, ...rows] = lines(result.path);
    expect(header?.startsWith('id,type,timestamp,server_name,tool_name,status')).toBe(true);
    expect(rows).toHaveLength(1440);
    expect(notices).toEqual([
      {
        title: 'Exported 1440 records (CSV)',
        body: `${result.path}\nClick to open.`,
        openPath: result.path,
      },
    ]);
  });

  it('says what failed when the folder cannot be written', async () => {
    const notices: TrayExportNotice[] = [];
    const blocker = join(out, 'all.jsonl');
    const result = await exportLast24Hours('jsonl', {
      service: core.switchboard.service,
      downloadsDir: join(blocker, 'sub'),
      notify: (notice) => notices.push(notice),
    });
    expect(result.ok).toBe(false);
    expect(notices[0]?.title).toBe('Export as JSONL failed');
    expect(notices[0]?.body).toContain(`Check that ${join(blocker, 'sub')} is writable.`);
    expect(notices[0]?.openPath).toBeUndefined();
  });

  it('filters the last 24 hours from now', () => {
    expect(last24HoursFilter(new Date('2026-11-23T12:00:00.000Z'))).toEqual({
      start_time: '2026-11-22T12:00:00.000Z',
    });
  });
});

describe('export from the window (save dialog faked)', () => {
  function sender() {
    const sent: { channel: string; args: unknown[] }[] = [];
    const value: IpcSenderLike = {
      send: (channel, ...args) => sent.push({ channel, args }),
      isDestroyed: () => false,
    };
    return { value, sent };
  }

  it('saves where the dialog says, sends progress on the export channel, then allows showInFolder', async () => {
    const target = join(out, 'chosen.jsonl');
    const shown: string[] = [];
    const defaults: string[] = [];
    const handlers = createExportIpcHandlers({
      service: core.switchboard.service,
      downloadsDir: '/home/me/Downloads',
      chooseSavePath: async (defaultPath) => {
        defaults.push(defaultPath);
        return target;
      },
      showItemInFolder: (path) => shown.push(path),
      now: () => new Date('2026-11-23T12:00:00.000Z'),
    });
    const { value, sent } = sender();
    const result = await handlers.exportActivity(
      'e1',
      { format: 'jsonl', filter: { tool: 'tool_3' }, include_bodies: false },
      value,
    );
    const expected = Math.ceil((RECORDS - 3) / 7);
    expect(result).toEqual({ status: 'saved', rows: expected, path: target });
    expect(defaults).toEqual(['/home/me/Downloads/switchboard-activity-2026-11-23-filtered.jsonl']);
    expect(sent.at(-1)).toEqual({
      channel: exportProgressChannel('e1'),
      args: [{ rows: expected, total: expected }],
    });
    await handlers.showInFolder(target);
    expect(shown).toEqual([target]);
  });

  it('returns cancelled when the dialog is dismissed', async () => {
    const handlers = createExportIpcHandlers({
      service: core.switchboard.service,
      downloadsDir: out,
      chooseSavePath: async () => null,
      showItemInFolder: () => {},
    });
    await expect(
      handlers.exportActivity(
        'e2',
        { format: 'csv', filter: {}, include_bodies: false },
        sender().value,
      ),
    ).resolves.toEqual({ status: 'cancelled' });
  });

  it('cancels a running export on abort and removes the partial file', async () => {
    const target = join(out, 'aborted.csv');
    const handlers = createExportIpcHandlers({
      service: core.switchboard.service,
      downloadsDir: out,
      chooseSavePath: async () => target,
      showItemInFolder: () => {},
    });
    const { value } = sender();
    const running = handlers.exportActivity(
      'e3',
      { format: 'csv', filter: {}, include_bodies: true },
      value,
    );
    handlers.abort('e3');
    await expect(running).resolves.toEqual({ status: 'cancelled' });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses to reveal a path it did not export', () => {
    const handlers = createExportIpcHandlers({
      service: core.switchboard.service,
      downloadsDir: out,
      chooseSavePath: async () => null,
      showItemInFolder: () => {},
    });
    expect(() => handlers.showInFolder('/etc/passwd')).toThrow(
      'showInFolder: /etc/passwd is not a file Switchboard exported in this session.',
    );
  });
});
