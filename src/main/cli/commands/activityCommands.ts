import type { Command } from 'commander';
import { Option } from 'commander';
import {
  ACTIVITY_SORTS,
  SUMMARY_PERIODS,
  type ActivitySort,
  type SummaryPeriod,
} from '../../../shared/activity';
import { optionParser, parseIntInRange } from '../cliArgs';
import {
  apiClientFor,
  filterQuery,
  modeOf,
  print,
  withCommonOptions,
  withFilterOptions,
  type CommonOptions,
  type FilterOptions,
} from '../commonOptions';
import { renderActivityPage, renderActivityRecord, renderSummary } from '../format/activityFormat';
import { renderOutput } from '../format/output';
import { registerActivityExport } from './activityExport';
import { registerActivityVerify } from './activityVerify';
import { registerActivityWatch } from './activityWatch';

type ListOptions = CommonOptions &
  FilterOptions & { query?: string; limit?: number; offset?: number; sort: ActivitySort };

export function registerActivityCommands(program: Command): void {
  const activity = program
    .command('activity')
    .description('the activity log: list, watch, show, summary, export, verify');

  withFilterOptions(
    withCommonOptions(
      activity.command('list').description('list records, newest first unless --sort says'),
    ),
  )
    .addOption(
      new Option('--sort <order>', 'order: by time or by duration, either way')
        .choices(ACTIVITY_SORTS)
        .default('time_desc'),
    )
    .option(
      '--limit <n>',
      'records per page (1-100)',
      optionParser((v) => parseIntInRange(v, 1, 100)),
      50,
    )
    .option(
      '--offset <n>',
      'skip this many records',
      optionParser((v) => parseIntInRange(v, 0)),
    )
    .action(async (options: ListOptions) => {
      const api = await apiClientFor(options);
      const page = await api.listActivity({
        ...filterQuery(options),
        limit: options.limit,
        sort: options.sort,
        ...(options.offset === undefined ? {} : { offset: options.offset }),
      });
      print(renderOutput(modeOf(options), page, () => renderActivityPage(page)));
    });

  registerActivityWatch(activity);

  withCommonOptions(
    activity
      .command('show')
      .description('one record with its arguments and response')
      .argument('<id>', 'record id (ULID)'),
  ).action(async (id: string, options: CommonOptions) => {
    const api = await apiClientFor(options);
    const record = await api.getActivity(id);
    print(renderOutput(modeOf(options), record, () => renderActivityRecord(record)));
  });

  withFilterOptions(
    withCommonOptions(
      activity.command('summary').description('counts, top servers and tools, latency percentiles'),
    ),
  )
    .addOption(
      new Option('--period <period>', 'time window').choices(SUMMARY_PERIODS).default('24h'),
    )
    .action(
      async (
        options: CommonOptions & FilterOptions & { query?: string; period: SummaryPeriod },
      ) => {
        const api = await apiClientFor(options);
        const summary = await api.getSummary(options.period, filterQuery(options));
        print(renderOutput(modeOf(options), summary, () => renderSummary(summary)));
      },
    );

  registerActivityExport(activity);
  registerActivityVerify(activity);
}
