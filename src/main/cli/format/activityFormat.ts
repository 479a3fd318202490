import type {
  ActivityEvent,
  ActivityListRow,
  ActivityPage,
  ActivityRecord,
  ActivitySummary,
} from '../../../shared/activity';
import { renderKeyValue, renderTable } from './output';
import { formatDuration, formatRelativeTime } from './relativeTime';

/** A status as a word a person reads at a glance, with the kind of error when there is one. */
export function statusWord(record: Pick<ActivityListRow, 'status' | 'error_kind'>): string {
  if (record.status === 'blocked') return 'BLOCKED';
  if (record.status === 'error')
    return record.error_kind ? `error (${record.error_kind.replace('_', ' ')})` : 'error';
  return 'ok';
}

/** `server__tool` for calls; the action for server changes. */
export function subjectOf(
  record: Pick<ActivityListRow, 'type' | 'server_name' | 'tool_name' | 'metadata'>,
): string {
  if (record.tool_name !== null) return `${record.server_name ?? '?'}__${record.tool_name}`;
  const action =
    record.metadata.action ??
    (record.metadata.quarantined === true
      ? 'quarantined'
      : record.metadata.quarantined === false
        ? 'unquarantined'
        : null);
  return [record.server_name, typeof action === 'string' ? action : null]
    .filter((part) => part !== null)
    .join(' ');
}

export function renderActivityPage(page: ActivityPage, now: Date = new Date()): string {
  if (page.activities.length === 0)
    return page.total === 0
      ? 'No activity matches.'
      : `No records at offset ${page.offset} (total ${page.total}).`;
  const table = renderTable(
    ['TIME', 'TYPE', 'CALL', 'STATUS', 'DURATION', 'CLIENT', 'ID'],
    page.activities.map((row) => [
      formatRelativeTime(row.timestamp, now),
      row.type,
      subjectOf(row),
      statusWord(row),
      formatDuration(row.duration_ms),
      row.token_name ?? row.client_name,
      row.id,
    ]),
  );
  const first = page.offset + 1;
  const last = page.offset + page.activities.length;
  const more = last < page.total ? `; next page: --offset ${last}` : '';
  return `${table}\nShowing ${first}-${last} of ${page.total}${more}`;
}

export function renderActivityRecord(record: ActivityRecord, now: Date = new Date()): string {
  const rows: [string, string | number | boolean | null][] = [
    ['ID', record.id],
    ['Type', record.type],
    ['Time', `${record.timestamp} (${formatRelativeTime(record.timestamp, now)})`],
    ['Server', record.server_name],
    ['Tool', record.tool_name],
    ['Status', statusWord(record)],
    ['Duration', formatDuration(record.duration_ms)],
    ['Error', record.error_message],
    ['Policy', record.policy_id],
    ['Reason', record.reason],
    ['Session', record.session_id],
    ['Client', [record.client_name, record.client_version].filter(Boolean).join(' ') || null],
    ['Token', record.token_name],
    [
      'Bytes',
      `${record.request_bytes} in, ${record.response_bytes} out${record.response_truncated ? ' (response truncated)' : ''}`,
    ],
  ];
  if (Object.keys(record.metadata).length > 0)
    rows.push(['Metadata', JSON.stringify(record.metadata)]);
  const parts = [renderKeyValue(rows)];
  if (record.arguments !== null)
    parts.push(`Arguments:\n${JSON.stringify(record.arguments, null, 2)}`);
  if (record.response !== null) parts.push(`Response:\n${record.response}`);
  return parts.join('\n\n');
}

export function renderSummary(summary: ActivitySummary): string {
  const head = renderKeyValue([
    ['Period', `${summary.period} (${summary.from} to ${summary.to})`],
    ['Total', summary.total],
    [
      'By status',
      `${summary.by_status.success} ok, ${summary.by_status.error} errors, ${summary.by_status.blocked} blocked`,
    ],
    [
      'By type',
      Object.entries(summary.by_type)
        .map(([type, count]) => `${type} ${count}`)
        .join(', '),
    ],
  ]);
  const servers =
    summary.top_servers.length === 0
      ? 'No servers in this period.'
      : renderTable(
          ['SERVER', 'CALLS'],
          summary.top_servers.map((s) => [s.server_name, s.count]),
        );
  const tools =
    summary.top_tools.length === 0
      ? 'No tool calls in this period.'
      : renderTable(
          ['TOOL', 'CALLS', 'ERRORS', 'BLOCKED', 'P50', 'P95', 'P99'],
          summary.top_tools.map((t) => [
            `${t.server_name ?? '?'}__${t.tool_name ?? '?'}`,
            t.count,
            t.error_count,
            t.blocked_count,
            formatDuration(t.p50_ms),
            formatDuration(t.p95_ms),
            formatDuration(t.p99_ms),
          ]),
        );
  return `${head}\n\nTop servers\n${servers}\n\nTop tools\n${tools}`;
}

/** One line per live event: `12:03:04.120  completed  ok       github__create_issue  240 ms  Claude Desktop`. */
export function formatEventLine(event: ActivityEvent): string {
  const { record } = event;
  const time = record.timestamp.slice(11, 23);
  const kind = event.event.replace(/^activity\./, '').replace(/^tool_call\./, '');
  const status = event.event === 'activity.tool_call.started' ? 'running' : statusWord(record);
  const detail =
    record.status === 'blocked'
      ? `${record.policy_id ?? ''}: ${record.reason ?? ''}`
      : record.status === 'error'
        ? (record.error_message ?? '')
        : '';
  const duration =
    event.event === 'activity.tool_call.started' ? '' : formatDuration(record.duration_ms);
  return [
    time,
    kind.padEnd(17),
    status.padEnd(9),
    subjectOf(record),
    duration,
    record.token_name ?? record.client_name ?? '',
    detail,
  ]
    .filter((part) => part !== '')
    .join('  ');
}
