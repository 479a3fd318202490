import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import {
  ACTIVITY_EVENT_NAMES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityEvent,
  type ActivityEventName,
  type ActivityRecord,
  type ActivityStatus,
  type ActivityType,
} from '../../../shared/activity';
import type { ApprovalEvent, PendingRequest } from '../../../shared/approvals';
import type { RestClient } from '../../../shared/restClient';
import { optionParser, parseChoiceList } from '../cliArgs';
import { CliError, NotRunningError } from '../cliErrors';
import {
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { formatEventLine } from '../format/activityFormat';
import { formatApprovalLine } from '../format/approvalFormat';
import type { OutputMode } from '../format/output';
import { SseParser } from '../sseParser';

export interface WatchFilter {
  type?: ActivityType[];
  server?: string;
  status?: ActivityStatus[];
}

/** Reconnects after a dropped stream, replaying from the last id; gives up after this many failures in a row. */
const MAX_RECONNECTS = 5;

export function registerActivityWatch(activity: Command): void {
  withCommonOptions(
    activity.command('watch').description('print a line per live event until interrupted'),
  )
    .option(
      '--type <types>',
      `record types, comma-separated: ${ACTIVITY_TYPES.join(', ')}`,
      optionParser((v) => parseChoiceList(v, ACTIVITY_TYPES)),
    )
    .option('--server <name>', 'upstream server name')
    .option(
      '--status <statuses>',
      `comma-separated: ${ACTIVITY_STATUSES.join(', ')}`,
      optionParser((v) => parseChoiceList(v, ACTIVITY_STATUSES)),
    )
    .action(async (options: CommonOptions & WatchFilter) => {
      const api = await apiClientFor(options);
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await watchEvents(
          api,
          options,
          modeOf(options),
          stop.signal,
          (event) => print(formatWatchedEvent(event, modeOf(options))),
          // On stderr, so stdout stays one line (or JSON document) per event.
          () => process.stderr.write(`Watching ${api.baseUrl}/events (Ctrl-C to stop)\n`),
          (event) => print(formatWatchedApproval(event, modeOf(options))),
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

export function matchesWatchFilter(event: ActivityEvent, filter: WatchFilter): boolean {
  const { record } = event;
  if (filter.type !== undefined && !filter.type.includes(record.type)) return false;
  if (filter.server !== undefined && record.server_name !== filter.server) return false;
  if (filter.status !== undefined) {
    // A call that has only started has no outcome yet.
    if (event.event === 'activity.tool_call.started' || !filter.status.includes(record.status))
      return false;
  }
  return true;
}

/** Requests and decisions print whatever the record filters say: a person has to see them. */
export function formatWatchedApproval(event: ApprovalEvent, mode: OutputMode): string {
  if (mode === 'json') return JSON.stringify(event);
  if (mode === 'yaml') return `---\n${toYaml(event).trimEnd()}`;
  return formatApprovalLine(event);
}

export function formatWatchedEvent(event: ActivityEvent, mode: OutputMode): string {
  if (mode === 'json') return JSON.stringify(event);
  if (mode === 'yaml') return `---\n${toYaml(event).trimEnd()}`;
  return formatEventLine(event);
}

/** Follows `GET /events` until `signal` aborts; one dropped stream is resumed with Last-Event-ID. */
export async function watchEvents(
  api: RestClient,
  filter: WatchFilter,
  _mode: OutputMode,
  signal: AbortSignal,
  onEvent: (event: ActivityEvent) => void,
  onConnected?: () => void,
  onApproval?: (event: ApprovalEvent) => void,
): Promise<void> {
  const parser = new SseParser();
  let failures = 0;
  let connectedOnce = false;
  while (!signal.aborted) {
    try {
      const response = await api.events({ lastEventId: parser.lastEventId, signal });
      if (!connectedOnce) onConnected?.();
      connectedOnce = true;
      failures = 0;
      if (response.body === null) throw new CliError('The event stream had no body.');
      const decoder = new TextDecoder();
      for await (const chunk of response.body) {
        for (const message of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          const approval = toApprovalEvent(message.event, message.data);
          if (approval !== null) onApproval?.(approval);
          const event = toActivityEvent(message.event, message.data, message.id);
          if (event !== null && matchesWatchFilter(event, filter)) onEvent(event);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!connectedOnce || !(error instanceof NotRunningError || error instanceof TypeError))
        throw error;
    }
    if (signal.aborted) return;
    failures++;
    if (failures > MAX_RECONNECTS)
      throw new CliError(
        `The event stream from ${api.baseUrl} ended and did not come back (Switchboard stopped?).`,
      );
    await delay(Math.min(250 * 2 ** failures, 5000), signal);
  }
}

function toApprovalEvent(name: string, data: string): ApprovalEvent | null {
  if (name !== 'approval.requested' && name !== 'approval.resolved') return null;
  try {
    return { event: name, request: JSON.parse(data) as PendingRequest };
  } catch {
    return null;
  }
}

function toActivityEvent(name: string, data: string, id: string | null): ActivityEvent | null {
  if (!(ACTIVITY_EVENT_NAMES as readonly string[]).includes(name)) return null;
  try {
    const record = JSON.parse(data) as ActivityRecord;
    return {
      event: name as ActivityEventName,
      seq: id === null || id === '' ? null : Number(id),
      record,
    };
  } catch {
    return null;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
