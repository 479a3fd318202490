/** Status, policies and settings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture } from './support/apiFixture';
import { makeRecord } from './support/records';

describe('status, policy and settings endpoints', () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await startApiFixture({
      policies: [{ id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' }],
    });
    for (let i = 0; i < 30; i++) f.core.switchboard.recorder.enqueue(makeRecord());
    await f.core.switchboard.recorder.flush();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('GET /api/v1/status', async () => {
    const status = await f.data<{ pid: number; queue: unknown; database: { records: number } }>(
      'GET',
      '/api/v1/status',
    );
    expect(status.pid).toBe(process.pid);
    expect(status.database.records).toBeGreaterThanOrEqual(30);
    expect(status.queue).toEqual({ records: 0, bytes: 0 });
  });

  describe('policies', () => {
    it('GET and PUT the ordered rule list', async () => {
      expect(await f.data('GET', '/api/v1/policies')).toEqual([
        { id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' },
      ]);
      const rules = [
        {
          id: 'no-deletes',
          effect: 'block',
          server: '*',
          tool: 'delete_*',
          reason: 'Deletions need a human',
        },
        { id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' },
      ];
      expect(await f.data('PUT', '/api/v1/policies', rules)).toEqual(rules);
      expect(await f.data('GET', '/api/v1/policies')).toEqual(rules);
    });

    it('400 with the reason for an invalid list; the old list stays', async () => {
      const before = await f.data('GET', '/api/v1/policies');
      expect(
        await f.failure('PUT', '/api/v1/policies', 400, [{ id: 'x', effect: 'maybe' }]),
      ).toMatch(/policies\[0\]\.effect/);
      expect(await f.failure('PUT', '/api/v1/policies', 400, { id: 'x' })).toBe(
        'body: expected the array of policy rules (as "policies" in mcp_config.json), got an object',
      );
      expect(await f.data('GET', '/api/v1/policies')).toEqual(before);
    });
  });

  describe('settings', () => {
    it('GET and PATCH the activity settings', async () => {
      const settings = await f.data<Record<string, unknown>>('GET', '/api/v1/settings');
      expect(Object.keys(settings).sort()).toEqual([
        'activity_cleanup_interval_min',
        'activity_max_records',
        'activity_max_response_size',
        'activity_max_size_mb',
        'activity_retention_days',
        'approval_timeout_s',
        'elicitation',
        'redact_keys',
        'telemetry',
        'tool_pinning',
      ]);
      expect(settings.elicitation).toBe('switchboard');
      const updated = await f.data<Record<string, unknown>>('PATCH', '/api/v1/settings', {
        activity_retention_days: 30,
        redact_keys: ['password'],
      });
      expect(updated).toMatchObject({ activity_retention_days: 30, redact_keys: ['password'] });
    });

    it('PATCH elicitation: "agent" or "switchboard", anything else is a 400 naming the key', async () => {
      expect(
        await f.data<Record<string, unknown>>('PATCH', '/api/v1/settings', {
          elicitation: 'agent',
        }),
      ).toMatchObject({ elicitation: 'agent' });
      expect(await f.failure('PATCH', '/api/v1/settings', 400, { elicitation: 'user' })).toMatch(
        /^elicitation: .*"switchboard".*"agent"/,
      );
    });

    it('400 naming a key this endpoint does not change, or an invalid value', async () => {
      expect(await f.failure('PATCH', '/api/v1/settings', 400, { listen: '0.0.0.0:80' })).toBe(
        'listen: not a setting this endpoint changes; expected one of activity_retention_days, activity_max_records, activity_max_size_mb, activity_max_response_size, activity_cleanup_interval_min, redact_keys, approval_timeout_s, tool_pinning, elicitation, telemetry',
      );
      expect(
        await f.failure('PATCH', '/api/v1/settings', 400, { activity_retention_days: 'soon' }),
      ).toMatch(/activity_retention_days|expected/);
      expect(
        (await f.data<Record<string, unknown>>('GET', '/api/v1/settings')).activity_retention_days,
      ).toBe(30);
    });
  });
});
