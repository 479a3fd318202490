/** Status, policies and the activity settings (SPEC 7). */
import type { ActivitySettings } from '../../../shared/servers';
import type { ApiContext, ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonBody, readJsonObject } from './jsonBody';

/** The only keys PATCH /api/v1/settings changes; `listen`, `api_key` and servers have their own paths. */
export const SETTINGS_KEYS: readonly (keyof ActivitySettings)[] = [
  'activity_retention_days',
  'activity_max_records',
  'activity_max_size_mb',
  'activity_max_response_size',
  'activity_cleanup_interval_min',
  'redact_keys',
  'approval_timeout_s',
];

function getStatus({ res, deps }: ApiContext): void {
  sendSuccess(res, deps.switchboard.status());
}

function getPolicies({ res, deps }: ApiContext): void {
  sendSuccess(res, deps.switchboard.getPolicies());
}

async function setPolicies({ req, res, deps }: ApiContext): Promise<void> {
  const body = await readJsonBody(req, deps.bodyLimitBytes);
  if (!Array.isArray(body)) {
    const got = body === undefined ? 'an empty body' : describeJsonType(body);
    throw new HttpError(
      400,
      `body: expected the array of policy rules (as "policies" in mcp_config.json), got ${got}`,
    );
  }
  sendSuccess(res, await deps.switchboard.setPolicies(body));
}

function getSettings({ res, deps }: ApiContext): void {
  sendSuccess(res, deps.switchboard.getSettings());
}

async function updateSettings({ req, res, deps }: ApiContext): Promise<void> {
  const patch = await readJsonObject(req, deps.bodyLimitBytes);
  for (const key of Object.keys(patch)) {
    if (!(SETTINGS_KEYS as readonly string[]).includes(key)) {
      throw new HttpError(
        400,
        `${key}: not a setting this endpoint changes; expected one of ${SETTINGS_KEYS.join(', ')}`,
      );
    }
  }
  sendSuccess(res, await deps.switchboard.updateSettings(patch));
}

export const settingsRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/status', handler: getStatus },
  { method: 'GET', path: '/api/v1/policies', handler: getPolicies },
  { method: 'PUT', path: '/api/v1/policies', handler: setPolicies },
  { method: 'GET', path: '/api/v1/settings', handler: getSettings },
  { method: 'PATCH', path: '/api/v1/settings', handler: updateSettings },
];
