import { describe, expect, it } from 'vitest';
import type { ServerInfo } from '../../../../src/shared/servers';
import type { ServerConfig } from '../../../../src/main/core/config';
import { newActivityRecord } from '../../../../src/main/core/activity';
import { mergeServerEntry, toServerInfo } from '../../../../src/main/core/servers';

const stdio: ServerConfig = {
  name: 'fs',
  transport: 'stdio',
  command: 'node',
  args: ['fs.js'],
  env: { TOKEN: 'abcdefgh59' },
  headers: {},
  enabled: true,
  quarantined: false,
  timeout_ms: 600000,
};

describe('toServerInfo', () => {
  it('masks env values and takes the live state', () => {
    const live = { status: 'error', error: 'spawn ENOENT', tools_count: 0 } as ServerInfo;
    expect(toServerInfo(stdio, live)).toEqual({
      name: 'fs',
      transport: 'stdio',
      command: 'node',
      args: ['fs.js'],
      env: { TOKEN: '••••59' },
      enabled: true,
      quarantined: false,
      status: 'error',
      error: 'spawn ENOENT',
      tools_count: 0,
      timeout_ms: 600000,
    });
  });
  it('says disabled / quarantined from the config, connecting before the upstreams know it', () => {
    expect(toServerInfo({ ...stdio, enabled: false }).status).toBe('disabled');
    expect(
      toServerInfo({ ...stdio, quarantined: true }, { status: 'ready' } as ServerInfo).status,
    ).toBe('quarantined');
    expect(toServerInfo(stdio).status).toBe('connecting');
    expect(toServerInfo(stdio, { status: 'disabled' } as ServerInfo).status).toBe('connecting');
  });
  it('shows url and masked headers for a remote server', () => {
    const remote: ServerConfig = {
      name: 'r',
      transport: 'sse',
      url: 'https://x/sse',
      args: [],
      env: {},
      headers: { Authorization: 'Bearer 0123456789' },
      enabled: true,
      quarantined: false,
      timeout_ms: 1000,
    };
    const info = toServerInfo(remote);
    expect(info).toMatchObject({ url: 'https://x/sse', headers: { Authorization: '••••89' } });
    expect(info.command).toBeUndefined();
  });
});

describe('mergeServerEntry', () => {
  it('null deletes, undefined is ignored, aliases give way', () => {
    expect(
      mergeServerEntry({ command: 'a', cwd: '/x', disabled: true, type: 'stdio' }, {
        cwd: null,
        enabled: true,
        transport: 'stdio',
        args: undefined,
      } as never),
    ).toEqual({ command: 'a', enabled: true, transport: 'stdio' });
  });
  it('switching kind drops the old kind and its transport', () => {
    expect(
      mergeServerEntry({ url: 'http://a', headers: { A: 'b' }, type: 'sse' }, { command: 'node' }),
    ).toEqual({ command: 'node' });
  });
});

describe('newActivityRecord', () => {
  it('fills every field: ULID id, RFC 3339 ms timestamp, nulls, zero counters', () => {
    const record = newActivityRecord({ type: 'server_change', server_name: 'fs' });
    expect(record).toMatchObject({
      type: 'server_change',
      server_name: 'fs',
      status: 'success',
      tool_name: null,
      arguments: null,
      response: null,
      response_truncated: false,
      request_bytes: 0,
      response_bytes: 0,
      metadata: {},
    });
    expect(record.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(record.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(newActivityRecord({ type: 'tool_call' }).id).not.toBe(record.id);
  });
});
