/**
 * The conformance suite's reference server (/work/shared/conformance, or CONFORMANCE_REFERENCE):
 * copied under node_modules/.cache so its imports resolve from this project's node_modules (the
 * original folder is read-only), with the stdio variant its make-stdio.sh writes beside it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
export const TSX_CLI = join(root, 'node_modules/tsx/dist/cli.mjs');
const DEFAULT_SOURCE = '/work/shared/conformance/reference-server';

export interface ReferenceCopy {
  dir: string;
  httpEntry: string;
  stdioEntry: string;
}

export function prepareReferenceServer(): ReferenceCopy {
  const source = process.env.CONFORMANCE_REFERENCE ?? DEFAULT_SOURCE;
  if (!existsSync(join(source, 'everything-server.ts'))) {
    throw new Error(
      `No conformance reference server in ${source}: set CONFORMANCE_REFERENCE to the folder that holds everything-server.ts and make-stdio.sh.`,
    );
  }
  const dir = join(root, 'node_modules/.cache/conformance-reference');
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  for (const file of readdirSync(dir)) chmodSync(join(dir, file), 0o755);
  const made = spawnSync('bash', [join(dir, 'make-stdio.sh')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`make-stdio.sh failed: ${made.stderr}`);
  return {
    dir,
    httpEntry: join(dir, 'everything-server.ts'),
    stdioEntry: join(dir, 'everything-stdio.ts'),
  };
}

export interface RunningReference {
  url: string;
  stop(): Promise<void>;
}

/** Starts the Express variant on a free port and waits for its "running" line. */
export async function startHttpReference(entry: string): Promise<RunningReference> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [TSX_CLI, entry], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`reference server did not start:\n${output}`)),
      30_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      if (output.includes('Conformance Test Server running')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`reference server exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url: `http://localhost:${port}/mcp`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}
