import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configuredListen,
  findNextFreePort,
  isAddressInUse,
  portInUsePrompt,
  type PortInUsePrompt,
} from '../../../src/main/desktop/listenPort';
import {
  startSwitchboard,
  type DesktopSwitchboardOptions,
} from '../../../src/main/desktop/startSwitchboard';
import type { Switchboard } from '../../../src/main/core/switchboard';

let occupied: Server;
let port: number;
let dir: string;

function listen(server: Server, at: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

beforeAll(async () => {
  occupied = createServer();
  port = await listen(occupied, 0);
  dir = mkdtempSync(join(tmpdir(), 'switchboard-port-'));
});
afterAll(() => {
  occupied.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stands in for core's createSwitchboard: binds the listen address for real, like the HTTP server does. */
function binder(calls: DesktopSwitchboardOptions[]) {
  return async (options: DesktopSwitchboardOptions): Promise<Switchboard> => {
    calls.push(options);
    const [, portText] = (options.listen ?? `127.0.0.1:${port}`).split(':');
    const server = createServer();
    await listen(server, Number(portText));
    server.close();
    return { dataDir: options.dataDir } as Switchboard;
  };
}

describe('listen address in use', () => {
  it('recognises EADDRINUSE, also when wrapped', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use'), {
      code: 'EADDRINUSE',
    });
    expect(isAddressInUse(inUse)).toBe(true);
    expect(isAddressInUse(new Error('could not start', { cause: inUse }))).toBe(true);
    expect(isAddressInUse(new Error('mcp_config.json: listen: expected "host:port"'))).toBe(false);
  });

  it('finds the next port that binds on the same host', async () => {
    const next = await findNextFreePort({ host: '127.0.0.1', port: port - 1 });
    expect(next).not.toBe(port);
    expect(next).toBeGreaterThan(port - 1);
  });

  it('reads the listen the core tried from the config file, or the override', () => {
    const config = join(dir, 'mcp_config.json');
    writeFileSync(config, JSON.stringify({ listen: `127.0.0.1:${port}` }));
    expect(configuredListen(config)).toEqual({ host: '127.0.0.1', port });
    expect(configuredListen(config, '127.0.0.1:9')).toEqual({ host: '127.0.0.1', port: 9 });
    expect(configuredListen(join(dir, 'missing.json'))).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('asks in one sentence naming the address and the listen key', () => {
    const prompt = portInUsePrompt({ host: '127.0.0.1', port: 8080 }, 8081);
    expect(prompt.message).toBe(
      '127.0.0.1:8080 is already in use, so Switchboard cannot listen there (the "listen" key of mcp_config.json).',
    );
    expect(prompt.buttons).toEqual(['Use port 8081', 'Quit']);
  });
});

describe('startSwitchboard', () => {
  it('offers the next free port and starts there when accepted', async () => {
    const calls: DesktopSwitchboardOptions[] = [];
    const prompts: PortInUsePrompt[] = [];
    const started = await startSwitchboard({
      dataDir: dir,
      configPath: join(dir, 'mcp_config.json'),
      listen: `127.0.0.1:${port}`,
      askToUsePort: async (prompt) => {
        prompts.push(prompt);
        return true;
      },
      create: binder(calls),
    });
    expect(started).not.toBeNull();
    expect(prompts).toHaveLength(1);
    expect(calls).toHaveLength(2);
    const retried = Number(calls[1]?.listen?.split(':')[1]);
    expect(retried).toBeGreaterThan(port);
    expect(prompts[0]?.buttons[0]).toBe(`Use port ${retried}`);
  });

  it('resolves null (the app quits) when the user declines', async () => {
    const calls: DesktopSwitchboardOptions[] = [];
    const started = await startSwitchboard({
      dataDir: dir,
      configPath: join(dir, 'mcp_config.json'),
      listen: `127.0.0.1:${port}`,
      askToUsePort: async () => false,
      create: binder(calls),
    });
    expect(started).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('passes other start errors through unchanged', async () => {
    await expect(
      startSwitchboard({
        dataDir: dir,
        configPath: join(dir, 'mcp_config.json'),
        askToUsePort: async () => true,
        create: async () => {
          throw new Error('mcp_config.json: unknown key "foo"');
        },
      }),
    ).rejects.toThrow('mcp_config.json: unknown key "foo"');
  });
});
