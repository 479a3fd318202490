/** Status, policies and the activity settings (SPEC 7). */
import type { SwitchboardSettings } from '../../../shared/servers';
import { apiRoute, serviceOf, type ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonBody, readJsonObject } from './jsonBody';

/** The only keys PATCH /api/v1/settings changes; `listen`, `api_key` and servers have their own paths. */
export const SETTINGS_KEYS: readonly (keyof SwitchboardSettings)[] = [
  'activity_retention_days',
  'activity_max_records',
  'activity_max_size_mb',
  'activity_max_response_size',
  'activity_cleanup_interval_min',
  'redact_keys',
  'approval_timeout_s',
  'tool_pinning',
  'elicitation',
  'telemetry',
];

function policyList(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const got = body === undefined ? 'an empty body' : describeJsonType(body);
  throw new HttpError(
    400,
    `body: expected the array of policy rules (as "policies" in mcp_config.json), got ${got}`,
  );
}

function settingsPatch(patch: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(patch)) {
    if (!(SETTINGS_KEYS as readonly string[]).includes(key)) {
      throw new HttpError(
        400,
        `${key}: not a setting this endpoint changes; expected one of ${SETTINGS_KEYS.join(', ')}`,
      );
    }
  }
  return patch;
}

export const settingsRoutes: ApiRoute[] = [
  apiRoute('getStatus', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getStatus());
  }),
  apiRoute('startDemo', async (context) => {
    sendSuccess(context.res, await serviceOf(context).startDemo());
  }),
  apiRoute('getPolicies', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getPolicies());
  }),
  apiRoute('setPolicies', async (context) => {
    const rules = policyList(await readJsonBody(context.req, context.deps.bodyLimitBytes));
    sendSuccess(context.res, await serviceOf(context).setPolicies(rules));
  }),
  apiRoute('getSettings', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getSettings());
  }),
  apiRoute('updateSettings', async (context) => {
    const patch = settingsPatch(await readJsonObject(context.req, context.deps.bodyLimitBytes));
    sendSuccess(context.res, await serviceOf(context).updateSettings(patch));
  }),
];
