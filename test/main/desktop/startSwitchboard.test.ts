import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSwitchboard } from '../../../src/main/core/createSwitchboard';
import {
  configuredListen,
  findNextFreePort,
  isAddressInUse,
  portInUsePrompt,
  type PortInUsePrompt,
} from '../../../src/main/desktop/listenPort';
import { startSwitchboard } from '../../../src/main/desktop/startSwitchboard';

const API_KEY = 'desktop-test-api-key-0123456789';
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

describe('startSwitchboard with the real core', () => {
  let dataDirs: string[] = [];
  afterEach(() => {
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
    dataDirs = [];
  });

  function dataDirListeningOn(listenPort: number): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
    dataDirs.push(dataDir);
    writeFileSync(
      join(dataDir, 'mcp_config.json'),
      JSON.stringify({ listen: `127.0.0.1:${listenPort}`, api_key: API_KEY, mcpServers: {} }),
    );
    return dataDir;
  }

  it('offers the next free port when listen is taken and starts there when accepted', async () => {
    const dataDir = dataDirListeningOn(port);
    const prompts: PortInUsePrompt[] = [];
    const started = await startSwitchboard({
      dataDir,
      configPath: join(dataDir, 'mcp_config.json'),
      askToUsePort: async (prompt) => {
        prompts.push(prompt);
        return true;
      },
      create: createSwitchboard,
    });
    try {
      expect(started).not.toBeNull();
      const boundPort = Number(new URL(started?.urls.base ?? '').port);
      expect(boundPort).toBeGreaterThan(port);
      expect(prompts).toEqual([portInUsePrompt({ host: '127.0.0.1', port }, boundPort)]);
      const response = await fetch(`${started?.urls.base}/api/v1/status`, {
        headers: { 'X-API-Key': API_KEY },
      });
      expect(response.status).toBe(200);
    } finally {
      await started?.close();
    }
  });

  it('resolves null (the app quits) when the user declines', async () => {
    const dataDir = dataDirListeningOn(port);
    let asked = 0;
    const started = await startSwitchboard({
      dataDir,
      configPath: join(dataDir, 'mcp_config.json'),
      askToUsePort: async () => {
        asked += 1;
        return false;
      },
      create: createSwitchboard,
    });
    expect([started, asked]).toEqual([null, 1]);
  });

  it('passes other start errors through unchanged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
    dataDirs.push(dataDir);
    writeFileSync(join(dataDir, 'mcp_config.json'), JSON.stringify({ colour: 'red' }));
    await expect(
      startSwitchboard({
        dataDir,
        configPath: join(dataDir, 'mcp_config.json'),
        askToUsePort: async () => true,
        create: createSwitchboard,
      }),
    ).rejects.toThrow(/colour/);
  });
});
