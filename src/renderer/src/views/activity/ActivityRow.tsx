/** One row of the activity table; memoized so a live insert repaints only new rows. */
import { memo } from 'react';
import type { ActivityListRow } from '../../../../shared/activity';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDuration } from '../../lib/format';
import { absoluteTime, relativeTime } from '../../lib/relativeTime';
import { TYPE_LABELS } from './activityLabels';

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
  const style = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <div className="activity-row placeholder" style={style} aria-busy="true" data-index={index}>
        <span className="skeleton" />
      </div>
    );
  }
  const className = `activity-row${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}`;
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
      <span role="gridcell" className="cell time" title={absoluteTime(row.timestamp)}>
        {relativeTime(row.timestamp, now)}
      </span>
      <span role="gridcell" className="cell type">
        {TYPE_LABELS[row.type]}
      </span>
      <span role="gridcell" className="cell server" title={row.server_name ?? undefined}>
        {row.server_name ?? '–'}
      </span>
      <span role="gridcell" className="cell tool mono" title={row.tool_name ?? undefined}>
        {row.tool_name ?? '–'}
      </span>
      <span role="gridcell" className="cell status-cell">
        <StatusBadge status={row.status} />
      </span>
      <span role="gridcell" className="cell duration num">
        {formatDuration(row.duration_ms)}
      </span>
      <span role="gridcell" className="cell token" title={row.token_name ?? undefined}>
        {row.token_name ?? '–'}
      </span>
      <span role="gridcell" className="cell client" title={row.client_version ?? undefined}>
        {row.client_name ?? '–'}
      </span>
    </div>
  );
});

export function ActivityHeader() {
  return (
    <div className="activity-row header" role="row">
      <span role="columnheader" className="cell">
        Time
      </span>
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
      <span role="columnheader" className="cell num">
        Duration
      </span>
      <span role="columnheader" className="cell">
        Token
      </span>
      <span role="columnheader" className="cell">
        Client
      </span>
    </div>
  );
}
