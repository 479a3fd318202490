import { describe, expect, it } from 'vitest';
import {
  HEAD_FOLD_AT,
  PAGE_SIZE,
  emptyWindow,
  indexOfId,
  missingPages,
  newestRow,
  reachesAnchor,
  pageRequest,
  rowAt,
  windowTotal,
  withFirstPage,
  withLiveRows,
  withPage,
  withoutFarPages,
  type ActivityWindow,
} from '../../../../src/renderer/src/lib/activityWindow';
import { makeRow } from './fixtures';

// Rows 1000 (newest) down to 1: page p holds indexes 1000 - p*100 ...
const rows = Array.from({ length: 1000 }, (_, i) => makeRow(1000 - i));
const page = (p: number) => rows.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);

describe('activity window', () => {
  it('addresses head rows above snapshot pages', () => {
    let window = { ...emptyWindow, snapshotTotal: 1000 };
    window = withPage(window, 0, page(0), 'c0');
    window = withLiveRows(window, [makeRow(1001), makeRow(1002)]);
    expect(windowTotal(window)).toBe(1002);
    expect(rowAt(window, 0)?.id).toBe(makeRow(1002).id);
    expect(rowAt(window, 2)?.id).toBe(rows[0]?.id);
    expect(rowAt(window, 150)).toBeUndefined();
    expect(indexOfId(window, rows[5]?.id ?? '')).toBe(7);
  });

  it('lists only the missing pages of a visible range', () => {
    let window = { ...emptyWindow, snapshotTotal: 1000 };
    window = withPage(window, 0, page(0), 'c0');
    expect(missingPages(window, 50, 250)).toEqual([1, 2]);
    expect(missingPages(window, 990, 1200)).toEqual([9]);
    expect(missingPages(emptyWindow, 0, 10)).toEqual([]);
  });

  it('pages on by cursor after a loaded page and by shifted offset after a jump', () => {
    let window = { ...emptyWindow, snapshotTotal: 1000 };
    window = withPage(window, 0, page(0), 'c0');
    window = withLiveRows(window, [makeRow(1001)]);
    expect(pageRequest(window, 1)).toEqual({ page: 1, cursor: 'c0' });
    expect(pageRequest(window, 7)).toEqual({ page: 7, offset: 701 });
  });

  it('ignores live rows it already shows and keeps the head newest first', () => {
    let window = withPage({ ...emptyWindow, snapshotTotal: 1000 }, 0, page(0), 'c0');
    window = withLiveRows(window, [makeRow(1003), makeRow(1001), rows[0]!]);
    expect(window.head.map((row) => row.id)).toEqual([makeRow(1003).id, makeRow(1001).id]);
    expect(withLiveRows(window, [makeRow(1003)])).toBe(window);
    expect(newestRow(window)?.id).toBe(makeRow(1003).id);
  });

  it('knows when a refetch has read back to the anchor row', () => {
    const anchor = makeRow(1000);
    expect(reachesAnchor([makeRow(1005), makeRow(1001)], anchor)).toBe(false);
    expect(reachesAnchor([makeRow(1002), makeRow(1000)], anchor)).toBe(true);
    expect(reachesAnchor([makeRow(1001), makeRow(990)], anchor)).toBe(true);
    expect(reachesAnchor([makeRow(1001)], null)).toBe(false);
    expect(newestRow(emptyWindow)).toBeNull();
  });

  it('drops the pages farthest from where the reader is', () => {
    let window = { ...emptyWindow, snapshotTotal: 1000 };
    for (const p of [0, 1, 2, 7, 8, 9]) window = withPage(window, p, page(p), `c${p}`);
    const kept = withoutFarPages(window, 8, 3);
    expect([...kept.pages.keys()].sort()).toEqual([7, 8, 9]);
    expect([...kept.cursors.keys()].sort()).toEqual([7, 8, 9]);
    expect(withoutFarPages(window, 0, 10)).toBe(window);
  });

  it('folds old live rows into pages, keeping every row at its display index', () => {
    let window = { ...emptyWindow, snapshotTotal: 1000 };
    for (const p of [0, 1, 7]) window = withPage(window, p, page(p), `c${p}`);
    const live = Array.from({ length: 250 }, (_, i) => makeRow(1250 - i));
    const folded = withLiveRows(window, live);
    const everything = [...live, ...rows];

    expect(folded.head.length).toBeLessThan(HEAD_FOLD_AT);
    expect(folded.head.length % PAGE_SIZE).toBe(250 % PAGE_SIZE);
    expect(windowTotal(folded)).toBe(1250);
    expect(folded.liveRows).toBe(250);
    const shown = (w: ActivityWindow) =>
      Array.from({ length: windowTotal(w) }, (_, i) => rowAt(w, i)?.id ?? null);
    const expected = everything.map((row, i) =>
      i < 450 || (i >= 950 && i < 1050) ? row.id : null,
    );
    expect(shown(folded)).toEqual(expected);
    // Old page 1's cursor still leads to old page 2; a dropped or unloaded page goes by offset.
    expect(pageRequest(folded, 3)).toEqual({ page: 3, cursor: 'c1' });
    expect(pageRequest(folded, 5)).toEqual({ page: 5, offset: 650 });
    expect(missingPages(folded, 440, 460)).toEqual([3]);
  });

  it('costs a live delta only the head, however many rows streamed before', () => {
    let window = withPage({ ...emptyWindow, snapshotTotal: 1000 }, 0, page(0), 'c0');
    for (let batch = 0; batch < 300; batch++) {
      const fresh = Array.from({ length: 100 }, (_, i) => makeRow(2000 + batch * 100 + i));
      window = withoutFarPages(withLiveRows(window, fresh), 0, 30);
      expect(window.head.length).toBeLessThan(HEAD_FOLD_AT);
    }
    expect(windowTotal(window)).toBe(31_000);
    expect(window.pages.size).toBe(30);
    expect(rowAt(window, 0)?.id).toBe(makeRow(31_999).id);
    expect(rowAt(window, 2_999)?.id).toBe(makeRow(31_999 - 2_999).id);
    expect(rowAt(window, 30_000)).toBeUndefined();
  });

  it('lands the first page under rows that arrived while it was in flight', () => {
    const live = Array.from({ length: 230 }, (_, i) => makeRow(1230 - i));
    const waiting = withLiveRows(emptyWindow, live);
    expect(waiting.pages.size).toBeGreaterThan(0);
    // The page was read after the 30 oldest of those rows committed: it holds them already.
    const served = [...live.slice(200), ...rows].slice(0, PAGE_SIZE);
    const window = withFirstPage(waiting, served, 1030, 'c0');
    expect(windowTotal(window)).toBe(1230);
    expect(window.liveRows).toBe(200);
    const ids = Array.from({ length: 300 }, (_, i) => rowAt(window, i)?.id);
    expect(ids).toEqual([...live, ...rows].slice(0, 300).map((row) => row.id));
  });
});
