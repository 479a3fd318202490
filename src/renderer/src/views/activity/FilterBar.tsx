/** Filters of the activity list; every change is written to the URL, which the list follows. */
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityStatus,
  type ActivityType,
} from '../../../../shared/activity';
import { useMemo } from 'react';
import { DebouncedInput } from '../../components/DebouncedInput';
import { useToolCatalog } from '../../hooks/useToolCatalog';
import { isEmptyFilter } from '../../lib/activityFilterUrl';
import {
  TIME_RANGES,
  describeTimeRange,
  startTimeFor,
  type TimeRangeId,
} from '../../lib/timeRange';
import { tokenLabels } from '../../lib/tokenLabels';
import { toolSuggestions } from '../../lib/toolSuggestions';
import { visibleText } from '../../lib/visibleText';
import { useServers, useTokens } from '../../state/stores';
import { useTimeZone } from '../../state/timeZoneStore';
import { TYPE_LABELS } from './activityLabels';

interface Props {
  filter: ActivityFilter;
  onChange: (filter: ActivityFilter, typing?: boolean) => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
}

function without<K extends keyof ActivityFilter>(filter: ActivityFilter, key: K): ActivityFilter {
  const next = { ...filter };
  delete next[key];
  return next;
}

function set<K extends keyof ActivityFilter>(
  filter: ActivityFilter,
  key: K,
  value: ActivityFilter[K] | '',
): ActivityFilter {
  return value === '' || value === undefined ? without(filter, key) : { ...filter, [key]: value };
}

export function FilterBar({ filter, onChange, searchRef }: Props) {
  const servers = useServers((state) => state.servers);
  const tokens = useTokens((state) => state.tokens);
  const labels = tokenLabels(tokens);
  const zone = useTimeZone((state) => state.zone);
  const catalog = useToolCatalog();
  const suggestions = useMemo(() => toolSuggestions(catalog), [catalog]);
  // Text filters commit through the URL as `typing` edits (replacing the history entry).
  const commit = (key: 'q' | 'tool' | 'session_id') => (value: string) =>
    onChange(set(filter, key, value), true);

  const toggleStatus = (status: ActivityStatus): void => {
    const current = filter.status ?? [];
    const next = current.includes(status)
      ? current.filter((item) => item !== status)
      : [...current, status];
    onChange(set(filter, 'status', next.length > 0 ? next : ''));
  };

  const now = Date.now();
  const rangeLabel = describeTimeRange(filter.start_time, filter.end_time, now, zone);
  const rangePreset = TIME_RANGES.find((item) => item.label === rangeLabel)?.id ?? '';
  const serverNames = servers.map((server) => server.name);
  if (filter.server && !serverNames.includes(filter.server)) serverNames.push(filter.server);

  return (
    <div className="filter-bar" role="search">
      <DebouncedInput
        inputRef={searchRef}
        type="search"
        className="search"
        label="Full-text search"
        placeholder="Search tools, arguments, responses  ( / )"
        value={filter.q ?? ''}
        onCommit={commit('q')}
      />
      <select
        aria-label="Type"
        value={filter.type?.[0] ?? ''}
        onChange={(event) =>
          onChange(
            set(filter, 'type', event.target.value ? [event.target.value as ActivityType] : ''),
          )
        }
      >
        <option value="">All types</option>
        {ACTIVITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {TYPE_LABELS[type]}
          </option>
        ))}
      </select>
      <select
        aria-label="Server"
        value={filter.server ?? ''}
        onChange={(event) => onChange(set(filter, 'server', event.target.value))}
      >
        <option value="">All servers</option>
        {serverNames.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <DebouncedInput
        className="narrow"
        label="Tool"
        placeholder="Tool"
        title="A tool name, or a glob as in policy rules: read_*, *file*, {read,write}_file"
        list="tool-suggestions"
        value={filter.tool ?? ''}
        onCommit={commit('tool')}
      />
      <datalist id="tool-suggestions" data-testid="tool-suggestions">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="segmented" role="group" aria-label="Status">
        {ACTIVITY_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`small status-toggle ${status}${filter.status?.includes(status) ? ' on' : ''}`}
            aria-pressed={filter.status?.includes(status) ?? false}
            onClick={() => toggleStatus(status)}
          >
            {status}
          </button>
        ))}
      </div>
      <select
        aria-label="Token"
        value={filter.token ?? ''}
        onChange={(event) => onChange(set(filter, 'token', event.target.value))}
      >
        <option value="">All tokens</option>
        {tokens.map((token) => (
          <option key={token.id} value={token.id}>
            {visibleText(labels.get(token.id) ?? token.name)}
          </option>
        ))}
        {filter.token && !tokens.some((token) => token.id === filter.token) && (
          <option value={filter.token}>{filter.token}</option>
        )}
      </select>
      <DebouncedInput
        className="narrow"
        label="Session"
        placeholder="Session id"
        value={filter.session_id ?? ''}
        onCommit={commit('session_id')}
      />
      <select
        aria-label="Time range"
        value={rangePreset || (filter.start_time || filter.end_time ? 'custom' : '')}
        onChange={(event) => {
          const value = event.target.value;
          if (value === 'custom') return;
          const base = without(without(filter, 'start_time'), 'end_time');
          onChange(
            value ? { ...base, start_time: startTimeFor(value as TimeRangeId, Date.now()) } : base,
          );
        }}
      >
        <option value="">Any time</option>
        {TIME_RANGES.map((range) => (
          <option key={range.id} value={range.id}>
            {range.label}
          </option>
        ))}
        {!rangePreset && (filter.start_time || filter.end_time) && (
          <option value="custom">{rangeLabel}</option>
        )}
      </select>
      {!isEmptyFilter(filter) && (
        <button type="button" className="ghost small" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
