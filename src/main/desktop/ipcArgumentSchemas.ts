/**
 * The renderer's arguments, validated where they are received (main). A bad payload is refused
 * with a message naming the method, the argument and what was expected; deep validation of config
 * shapes (server entries, policy rules, settings) stays in core, which names the key path.
 */
import { z } from 'zod';
import {
  ACTIVITY_SORTS,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  EXPORT_FORMATS,
  SUMMARY_PERIODS,
} from '../../shared/activity';
import { EXPORT_ID_PATTERN, type SwitchboardInvokeMethod } from '../../shared/ipc';
import { APPROVAL_DECISION_KINDS } from '../../shared/approvals';
import { describeIssue as describeZodIssue } from '../core/config/configError';

const rfc3339 = z.iso.datetime({ offset: true, message: 'expected an RFC 3339 date-time' });
const nonEmpty = z.string().min(1, 'expected a non-empty string');
const plainObject = z.record(z.string(), z.unknown(), 'expected an object');

const activityFilterShape = {
  type: z.array(z.enum(ACTIVITY_TYPES)).optional(),
  server: z.string().optional(),
  tool: z.string().optional(),
  session_id: z.string().optional(),
  status: z.array(z.enum(ACTIVITY_STATUSES)).optional(),
  token: z.string().optional(),
  start_time: rfc3339.optional(),
  end_time: rfc3339.optional(),
  q: z.string().optional(),
};

export const activityFilterSchema = z.strictObject(activityFilterShape);

export const activityQuerySchema = z.strictObject({
  ...activityFilterShape,
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
  cursor: z.string().optional(),
  sort: z.enum(ACTIVITY_SORTS).optional(),
});

export const exportRequestSchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  filter: activityFilterSchema,
  include_bodies: z.boolean(),
});

const clearScopeSchema = z.union(
  [z.strictObject({ before: rfc3339 }), z.strictObject({ all: z.literal(true) })],
  { message: 'expected { before: <RFC 3339> } or { all: true }' },
);

interface MethodArguments {
  /** Argument names, for error messages. */
  names: string[];
  schema: z.ZodType<unknown[]>;
}

function args(names: string[], items: z.ZodType[]): MethodArguments {
  return { names, schema: z.tuple(items as [z.ZodType, ...z.ZodType[]]) as z.ZodType<unknown[]> };
}

const none: MethodArguments = { names: [], schema: z.tuple([]) as z.ZodType<unknown[]> };

export const IPC_ARGUMENT_SCHEMAS: Record<SwitchboardInvokeMethod, MethodArguments> = {
  getStatus: none,
  listActivity: args(['query'], [activityQuerySchema]),
  getActivity: args(['id'], [nonEmpty]),
  getSummary: args(['period', 'filter'], [z.enum(SUMMARY_PERIODS), activityFilterSchema]),
  clearActivity: args(['scope'], [clearScopeSchema]),
  verifyActivity: none,
  startDemo: none,
  exportActivity: args(
    ['exportId', 'request'],
    [z.string().regex(EXPORT_ID_PATTERN, 'expected 1-64 of A-Z a-z 0-9 _ -'), exportRequestSchema],
  ),
  showInFolder: args(['path'], [nonEmpty]),
  listServers: none,
  getServerTools: args(['name'], [nonEmpty]),
  approveTool: args(['server', 'tool'], [nonEmpty, nonEmpty]),
  addServer: args(['name', 'entry'], [nonEmpty, plainObject]),
  updateServer: args(['name', 'patch'], [nonEmpty, plainObject]),
  removeServer: args(['name'], [nonEmpty]),
  serverAction: args(
    ['name', 'action'],
    [nonEmpty, z.enum(['restart', 'enable', 'disable', 'quarantine', 'unquarantine'])],
  ),
  importServers: args(['configJson'], [z.string()]),
  getPolicies: none,
  setPolicies: args(['rules'], [z.array(z.unknown(), 'expected an array of policy rules')]),
  listTokens: none,
  createToken: args(['name'], [nonEmpty]),
  revokeToken: args(['id'], [nonEmpty]),
  listApprovals: none,
  // An elicitation's answer is checked against its requested schema by the core (400 names the field).
  decideApproval: args(
    ['id', 'answer'],
    [nonEmpty, z.union([z.enum(APPROVAL_DECISION_KINDS), plainObject])],
  ),
  getSettings: none,
  updateSettings: args(['patch'], [plainObject]),
};

export class IpcArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcArgumentError';
  }
}

function describeIssue(method: string, names: string[], issue: z.core.$ZodIssue): string {
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') return `${method}: ${describeZodIssue(issue)}`;
  const name = names[index] ?? `argument ${index + 1}`;
  const path = [name, ...rest.map(String)].join('.');
  return `${method}: ${path}: ${describeZodIssue(issue)}`;
}

/** Returns the parsed arguments or throws IpcArgumentError naming every problem. */
export function parseIpcArguments(method: SwitchboardInvokeMethod, received: unknown[]): unknown[] {
  const { names, schema } = IPC_ARGUMENT_SCHEMAS[method];
  const result = schema.safeParse(received, { reportInput: true });
  if (result.success) return result.data;
  const tooMany = result.error.issues.find(
    (issue) => issue.path.length === 0 && (issue.code === 'too_big' || issue.code === 'too_small'),
  );
  if (tooMany) {
    throw new IpcArgumentError(
      `${method}: expected ${names.length} argument(s) (${names.join(', ') || 'none'}), got ${received.length}`,
    );
  }
  throw new IpcArgumentError(
    result.error.issues.map((issue) => describeIssue(method, names, issue)).join('; '),
  );
}
