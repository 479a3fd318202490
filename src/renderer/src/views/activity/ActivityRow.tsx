/** One row of the activity table; memoized so a live insert repaints only new rows. */
import { memo } from 'react';
import type { ActivityListRow, ActivitySort } from '../../../../shared/activity';
import { Searchable } from '../../components/SearchHits';
import { StatusBadge } from '../../components/StatusBadge';
import { UntrustedText } from '../../components/UntrustedText';
import { ariaSort, nextSort, SORT_LABELS, type SortColumn } from '../../lib/activitySortUrl';
import { formatDuration } from '../../lib/format';
import { absoluteTime, relativeTime } from '../../lib/relativeTime';
import { useTimeZone } from '../../state/timeZoneStore';
import { rowNote } from './rowNote';
import { visibleText } from '../../lib/visibleText';
import { recordAction } from './activityLabels';

interface Props {
  row: ActivityListRow | undefined;
  index: number;
  top: number;
  selected: boolean;
  cursor: boolean;
  now: number;
  onOpen: (index: number, id: string) => void;
}

export const ActivityRow = memo(function ActivityRow({
  row,
  index,
  top,
  selected,
  cursor,
  now,
  onOpen,
}: Props) {
  const zone = useTimeZone((state) => state.zone);
  const style = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <div className="activity-row placeholder" style={style} aria-busy="true" data-index={index}>
        <span className="skeleton" />
      </div>
    );
  }
  const className = `activity-row${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}`;
  // A tool call names its tool; other records say what they are about in the same column.
  const tool = row.tool_name ?? (row.type === 'tool_call' ? null : row.reason);
  const note = rowNote(row);
  return (
    <div
      className={className}
      style={style}
      role="row"
      aria-selected={selected}
      aria-rowindex={index + 2}
      data-index={index}
      data-id={row.id}
      data-status={row.status}
      onClick={() => onOpen(index, row.id)}
    >
      <span role="gridcell" className="cell time" title={absoluteTime(row.timestamp, zone)}>
        {relativeTime(row.timestamp, now)}
      </span>
      <span role="gridcell" className="cell type" data-action={String(row.metadata.action ?? '')}>
        {recordAction(row)}
      </span>
      <UntrustedCell className="cell server" text={row.server_name} />
      <span
        role="gridcell"
        className="cell tool mono"
        title={note ? visibleText(note) : tool ? visibleText(tool) : undefined}
      >
        <Searchable>
          {tool !== null ? <UntrustedText className="tool-name" text={tool} /> : '–'}
          {note && (
            <span className="row-note" data-testid="row-note">
              {' '}
              <UntrustedText text={note} />
            </span>
          )}
        </Searchable>
      </span>
      <span role="gridcell" className="cell status-cell">
        <StatusBadge status={row.status} />
      </span>
      <span role="gridcell" className="cell duration num">
        {formatDuration(row.duration_ms)}
      </span>
      <UntrustedCell className="cell token" text={row.token_name} />
      <UntrustedCell className="cell client" text={row.client_name} title={row.client_version} />
    </div>
  );
});

function UntrustedCell({
  className,
  text,
  title,
}: {
  className: string;
  text: string | null;
  title?: string | null;
}) {
  const tooltip = title ?? text;
  return (
    <span role="gridcell" className={className} title={tooltip ? visibleText(tooltip) : undefined}>
      {text !== null ? <UntrustedText text={text} /> : '–'}
    </span>
  );
}

export function ActivityHeader({
  sort,
  onSort,
}: {
  sort: ActivitySort;
  onSort: (sort: ActivitySort) => void;
}) {
  return (
    <div className="activity-row header" role="row">
      <SortHeader column="time" label="Time" sort={sort} onSort={onSort} />
      <span role="columnheader" className="cell">
        Type
      </span>
      <span role="columnheader" className="cell">
        Server
      </span>
      <span role="columnheader" className="cell">
        Tool
      </span>
      <span role="columnheader" className="cell">
        Status
      </span>
      <SortHeader column="duration" label="Duration" sort={sort} onSort={onSort} num />
      <span role="columnheader" className="cell">
        Token
      </span>
      <span role="columnheader" className="cell">
        Client
      </span>
    </div>
  );
}

const ARROWS = { ascending: ' ▲', descending: ' ▼', none: '' } as const;

function SortHeader({
  column,
  label,
  sort,
  onSort,
  num = false,
}: {
  column: SortColumn;
  label: string;
  sort: ActivitySort;
  onSort: (sort: ActivitySort) => void;
  num?: boolean;
}) {
  const state = ariaSort(sort, column);
  const next = nextSort(sort, column);
  return (
    <span role="columnheader" className={`cell${num ? ' num' : ''}`} aria-sort={state}>
      <button
        type="button"
        className="sort-header"
        data-sort-column={column}
        title={`Sort ${SORT_LABELS[next]}`}
        onClick={() => onSort(next)}
      >
        {label}
        {ARROWS[state]}
      </button>
    </span>
  );
}
