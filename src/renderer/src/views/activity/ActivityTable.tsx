/**
 * The virtualized activity table. Only visible rows exist in the DOM; the pages behind them are
 * fetched as they scroll into view (by cursor after a loaded page, by offset after a jump), so a
 * million-row log scrolls like a hundred-row one.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { ActivitySort } from '../../../../shared/activity';
import { useNow } from '../../hooks/useNow';
import { indexOfId, rowAt, windowTotal } from '../../lib/activityWindow';
import { useActivity, useStores } from '../../state/stores';
import { ActivityHeader, ActivityRow } from './ActivityRow';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
/** Let a scrollbar drag settle before fetching the pages under it. */
const RANGE_SETTLE_MS = 40;

interface Props {
  selectedId: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
  onSort: (sort: ActivitySort) => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function ActivityTable({ selectedId, onOpen, onClose, searchRef, onSort }: Props) {
  const { activity } = useStores();
  const sort = useActivity((state) => state.sort);
  const list = useActivity((state) => state.window);
  const cursorIndex = useActivity((state) => state.cursorIndex);
  const total = windowTotal(list);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(5000);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    // No getItemKey: a new one each render makes the virtualizer re-walk every row (100k calls
    // per frame). Rows have one fixed height, so its index keys are enough; React keys below are
    // record ids.
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const timer = setTimeout(() => activity.getState().ensureRange(first, last), RANGE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [activity, first, last, list]);

  // Rows arriving above a reader who scrolled down must not push the rows they read away.
  // Whether they scrolled comes from scroll events: reading scrollTop here would force a layout
  // of the rows just committed, on every live delta.
  const liveRows = useRef(list.liveRows);
  const scrolledDown = useRef(false);
  useLayoutEffect(() => {
    const added = list.liveRows - liveRows.current;
    liveRows.current = list.liveRows;
    const element = scrollRef.current;
    if (added > 0 && element && scrolledDown.current) element.scrollTop += added * ROW_HEIGHT;
  }, [list.liveRows]);
  const onScroll = useCallback((event: React.UIEvent<HTMLDivElement>) => {
    scrolledDown.current = event.currentTarget.scrollTop > 0;
  }, []);

  // A record opened from outside (a link, a notification, a reload with `id=`) brings the
  // keyboard cursor to its row when that row is loaded.
  useEffect(() => {
    if (!selectedId) return;
    const state = activity.getState();
    if (rowAt(state.window, state.cursorIndex)?.id === selectedId) return;
    const index = indexOfId(state.window, selectedId);
    if (index < 0) return;
    state.setCursorIndex(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [activity, selectedId, virtualizer]);

  const open = useCallback(
    (index: number, id: string) => {
      activity.getState().setCursorIndex(index);
      onOpen(id);
    },
    [activity, onOpen],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      // A modal (the export dialog) owns the keyboard while it is open.
      if (document.querySelector('[aria-modal="true"]')) return;
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else onClose();
        return;
      }
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const state = activity.getState();
      const count = windowTotal(state.window);
      let next: number | null = null;
      if (event.key === 'j' || event.key === 'ArrowDown') next = state.cursorIndex + 1;
      else if (event.key === 'k' || event.key === 'ArrowUp') next = state.cursorIndex - 1;
      else if (event.key === 'PageDown') next = state.cursorIndex + 20;
      else if (event.key === 'PageUp') next = state.cursorIndex - 20;
      else if (event.key === 'Home' || event.key === 'g') next = 0;
      else if (event.key === 'End' || event.key === 'G') next = count - 1;
      else if (event.key === 'Enter') {
        // Enter on a focused button or link belongs to that control, not to the table.
        const target = event.target as HTMLElement | null;
        if (target?.closest('button, a, [role="button"], [role="dialog"]')) return;
        const row = rowAt(state.window, state.cursorIndex);
        if (row) onOpen(row.id);
        event.preventDefault();
        return;
      } else if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (next === null || count === 0) return;
      event.preventDefault();
      const clamped = Math.min(count - 1, Math.max(0, next));
      state.setCursorIndex(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      // With the detail panel open, moving the cursor follows with the detail.
      const row = rowAt(state.window, clamped);
      if (selectedId && row) onOpen(row.id);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [activity, onClose, onOpen, searchRef, selectedId, virtualizer]);

  return (
    <div
      className="activity-scroll"
      ref={scrollRef}
      onScroll={onScroll}
      role="grid"
      aria-rowcount={total}
      data-total={total}
    >
      <ActivityHeader sort={sort} onSort={onSort} />
      <div className="activity-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(list, item.index);
          return (
            <ActivityRow
              key={row?.id ?? `pending-${item.index}`}
              row={row}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={row !== undefined && row.id === selectedId}
              cursor={item.index === cursorIndex}
              now={now}
              onOpen={open}
            />
          );
        })}
      </div>
    </div>
  );
}
