import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  baseUrlFromListen,
  normalizeBaseUrl,
  resolveInstance,
} from '../../../src/main/cli/instance';
import { UsageError } from '../../../src/main/cli/cliErrors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swb-cli-instance-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveInstance', () => {
  it("uses the data directory's listen and api_key", async () => {
    await writeFile(
      join(dir, 'mcp_config.json'),
      JSON.stringify({ listen: '0.0.0.0:9123', api_key: 'from-config' }),
    );
    expect(await resolveInstance({ dataDir: dir }, {})).toEqual({
      baseUrl: 'http://127.0.0.1:9123',
      apiKey: 'from-config',
      dataDir: dir,
    });
  });

  it('prefers --api-key, then $SWITCHBOARD_API_KEY, then the config', async () => {
    await writeFile(join(dir, 'mcp_config.json'), JSON.stringify({ api_key: 'from-config' }));
    expect(
      (await resolveInstance({ dataDir: dir, apiKey: 'flag' }, { SWITCHBOARD_API_KEY: 'env' }))
        .apiKey,
    ).toBe('flag');
    expect((await resolveInstance({ dataDir: dir }, { SWITCHBOARD_API_KEY: 'env' })).apiKey).toBe(
      'env',
    );
  });

  it('uses the URL a serving process wrote into the lock file (it knows the real port)', async () => {
    await writeFile(
      join(dir, 'mcp_config.json'),
      JSON.stringify({ listen: '127.0.0.1:0', api_key: 'k' }),
    );
    // The test process itself stands in for a live serving process: any live pid but our own works.
    await writeFile(
      join(dir, 'switchboard.lock'),
      JSON.stringify({
        pid: process.ppid,
        started_at: new Date().toISOString(),
        url: 'http://127.0.0.1:45678',
      }),
    );
    expect((await resolveInstance({ dataDir: dir }, {})).baseUrl).toBe('http://127.0.0.1:45678');
  });

  it('falls back to 127.0.0.1:8080 and no key without a config, creating nothing', async () => {
    const empty = join(dir, 'absent');
    expect(await resolveInstance({ dataDir: empty }, {})).toEqual({
      baseUrl: 'http://127.0.0.1:8080',
      apiKey: null,
      dataDir: empty,
    });
  });

  it('--url wins and may be the MCP endpoint', async () => {
    expect(
      (await resolveInstance({ dataDir: dir, url: 'http://127.0.0.1:7000/mcp' }, {})).baseUrl,
    ).toBe('http://127.0.0.1:7000');
  });
});

describe('URL helpers', () => {
  it('baseUrlFromListen maps wildcard binds to loopback', () => {
    expect(baseUrlFromListen('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(baseUrlFromListen('[::]:81')).toBe('http://127.0.0.1:81');
    expect(baseUrlFromListen('[::1]:81')).toBe('http://[::1]:81');
  });

  it('normalizeBaseUrl refuses what is not http(s)', () => {
    expect(normalizeBaseUrl('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(() => normalizeBaseUrl('localhost:8080')).toThrow(UsageError);
    expect(() => normalizeBaseUrl('ftp://x')).toThrow(
      '--url: expected an http:// or https:// URL, got "ftp://x"',
    );
  });
});
