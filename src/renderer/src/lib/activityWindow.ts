/**
 * The activity list as the table sees it: the newest live rows (the head, newest first) above a
 * sparse, paged snapshot of the server's result, into which older live rows are folded. Pages load as the
 * table scrolls; a page that follows a loaded one is fetched by its cursor (exact under
 * concurrent inserts), a page after a jump by offset. Nothing here fetches: the store does.
 */
import type { ActivityListRow } from '../../../shared/activity';

export const PAGE_SIZE = 100;
/** Head length at which live rows are folded into snapshot pages (see withFoldedHead). */
export const HEAD_FOLD_AT = 2 * PAGE_SIZE;

export interface ActivityWindow {
  /** The newest rows that arrived live, newest first; fewer than HEAD_FOLD_AT. */
  head: ActivityListRow[];
  /** Snapshot pages by page index. */
  pages: ReadonlyMap<number, ActivityListRow[]>;
  /** `next_cursor` returned with a page: how to fetch the page after it. */
  cursors: ReadonlyMap<number, string | null>;
  /** Matching rows on the server when the snapshot was taken, plus live rows folded into it. */
  snapshotTotal: number;
  /** Live rows added above the snapshot since it loaded: how far the rows below moved down. */
  liveRows: number;
}

export const emptyWindow: ActivityWindow = {
  head: [],
  pages: new Map(),
  cursors: new Map(),
  snapshotTotal: 0,
  liveRows: 0,
};

export function windowTotal(window: ActivityWindow): number {
  return window.head.length + window.snapshotTotal;
}

export function rowAt(window: ActivityWindow, index: number): ActivityListRow | undefined {
  if (index < window.head.length) return window.head[index];
  const snapshotIndex = index - window.head.length;
  return window.pages.get(Math.floor(snapshotIndex / PAGE_SIZE))?.[snapshotIndex % PAGE_SIZE];
}

/** Snapshot pages that cover display rows `first..last` and are not loaded yet. */
export function missingPages(window: ActivityWindow, first: number, last: number): number[] {
  const total = windowTotal(window);
  if (total === 0 || last < window.head.length) return [];
  const from = Math.max(0, first - window.head.length);
  const to = Math.min(window.snapshotTotal - 1, last - window.head.length);
  const missing: number[] = [];
  for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) {
    if (!window.pages.has(page)) missing.push(page);
  }
  return missing;
}

export type PageRequest = { page: number; cursor: string } | { page: number; offset: number };

/**
 * How to fetch a snapshot page: by the previous page's cursor when known; otherwise by offset,
 * shifted by the live rows that arrived since the snapshot (they now sit above it on the server).
 */
export function pageRequest(window: ActivityWindow, page: number): PageRequest {
  const cursor = window.cursors.get(page - 1);
  if (page > 0 && cursor) return { page, cursor };
  return { page, offset: page * PAGE_SIZE + window.head.length };
}

export function withPage(
  window: ActivityWindow,
  page: number,
  rows: ActivityListRow[],
  nextCursor: string | null,
): ActivityWindow {
  const pages = new Map(window.pages);
  pages.set(page, rows);
  const cursors = new Map(window.cursors);
  cursors.set(page, nextCursor);
  return { ...window, pages, cursors };
}

/**
 * The snapshot's first page, landing under the rows that arrived live while it was in flight
 * (folded or not). Those the page already holds are dropped; `total` is the server's count.
 */
export function withFirstPage(
  window: ActivityWindow,
  rows: ActivityListRow[],
  total: number,
  nextCursor: string | null,
): ActivityWindow {
  const inPage = new Set(rows.map((row) => row.id));
  const foldedPages = [...window.pages.keys()].sort((a, b) => a - b);
  const live = [...window.head, ...foldedPages.flatMap((page) => window.pages.get(page) ?? [])];
  const head = live.filter((row) => !inPage.has(row.id));
  const base = { ...emptyWindow, head, snapshotTotal: total, liveRows: head.length };
  return withFoldedHead(withPage(base, 0, rows, nextCursor));
}

/**
 * Drops the snapshot pages farthest from `centerPage` once more than `maxPages` are held, so a
 * long scroll through a million rows keeps memory flat; dropped pages load again on demand.
 */
export function withoutFarPages(
  window: ActivityWindow,
  centerPage: number,
  maxPages: number,
): ActivityWindow {
  if (window.pages.size <= maxPages) return window;
  const keep = [...window.pages.keys()]
    .sort((a, b) => Math.abs(a - centerPage) - Math.abs(b - centerPage) || a - b)
    .slice(0, maxPages);
  const kept = new Set(keep);
  const pages = new Map([...window.pages].filter(([page]) => kept.has(page)));
  const cursors = new Map([...window.cursors].filter(([page]) => kept.has(page)));
  return { ...window, pages, cursors };
}

function newestFirst(a: ActivityListRow, b: ActivityListRow): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Ids already shown near the top (head and first page), to drop repeats of a refetch or replay.
 * The head is folded before it reaches two pages, so this stays a few hundred ids.
 */
function knownTopIds(window: ActivityWindow): Set<string> {
  const ids = new Set(window.head.map((row) => row.id));
  for (const row of window.pages.get(0) ?? []) ids.add(row.id);
  return ids;
}

/** Newer timestamps first; a stable sort keeps equal ones in the order they were given. */
function byTimeNewestFirst(a: ActivityListRow, b: ActivityListRow): number {
  return a.timestamp === b.timestamp ? 0 : a.timestamp < b.timestamp ? 1 : -1;
}

/**
 * Adds live rows above the snapshot; rows already shown are ignored. `rows` come newest commit
 * first: the server orders equal timestamps by commit sequence, which list rows do not carry.
 */
export function withLiveRows(window: ActivityWindow, rows: ActivityListRow[]): ActivityWindow {
  if (rows.length === 0) return window;
  const known = knownTopIds(window);
  const fresh = rows.filter((row) => !known.has(row.id));
  if (fresh.length === 0) return window;
  return withFoldedHead({
    ...window,
    head: [...fresh, ...window.head].sort(byTimeNewestFirst),
    liveRows: window.liveRows + fresh.length,
  });
}

/**
 * The head is kept under two pages: its oldest whole pages become snapshot pages 0..k-1 and the
 * pages below shift down by k. Every row keeps its display index, and the page-dropping that
 * bounds memory now covers live rows too; a live delta costs the delta plus a page or two, not
 * every row seen since the list loaded (which grew to 30,000 sorted and copied per frame).
 */
export function withFoldedHead(window: ActivityWindow): ActivityWindow {
  if (window.head.length < HEAD_FOLD_AT) return window;
  const folded = Math.floor(window.head.length / PAGE_SIZE) - 1;
  const kept = window.head.length - folded * PAGE_SIZE;
  const pages = new Map<number, ActivityListRow[]>();
  for (let page = 0; page < folded; page++) {
    const start = kept + page * PAGE_SIZE;
    pages.set(page, window.head.slice(start, start + PAGE_SIZE));
  }
  for (const [page, rows] of window.pages) pages.set(page + folded, rows);
  // A folded page has no server cursor: the page after it is fetched by offset if it is dropped.
  const cursors = new Map<number, string | null>();
  for (const [page, cursor] of window.cursors) cursors.set(page + folded, cursor);
  return {
    ...window,
    head: window.head.slice(0, kept),
    pages,
    cursors,
    snapshotTotal: window.snapshotTotal + folded * PAGE_SIZE,
  };
}

/** The snapshot page under display row `index` (0 while the row is in the head). */
export function snapshotPageAt(window: ActivityWindow, index: number): number {
  return Math.max(0, Math.floor((index - window.head.length) / PAGE_SIZE));
}

/** Index of a row by id among loaded rows, for keeping the selection in view. */
export function indexOfId(window: ActivityWindow, id: string): number {
  const inHead = window.head.findIndex((row) => row.id === id);
  if (inHead >= 0) return inHead;
  for (const [page, rows] of window.pages) {
    const at = rows.findIndex((row) => row.id === id);
    if (at >= 0) return window.head.length + page * PAGE_SIZE + at;
  }
  return -1;
}

/** The newest row shown: where a refetch after missed events may stop. */
export function newestRow(window: ActivityWindow): ActivityListRow | null {
  return rowAt(window, 0) ?? null;
}

/**
 * True when a refetched page reaches `anchor` (the newest row shown before events were missed):
 * it holds a row as old as the anchor or older, so everything newer has been read.
 */
export function reachesAnchor(rows: ActivityListRow[], anchor: ActivityListRow | null): boolean {
  if (!anchor) return false;
  return rows.some((row) => newestFirst(row, anchor) >= 0);
}
