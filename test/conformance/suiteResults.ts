/** Runs the conformance CLI's server scenarios against one URL and reads back its checks. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const CONFORMANCE_CLI = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const NODE20_HOOK = join(import.meta.dirname, 'node20.mjs');
const SUITE_TIMEOUT_MS = 5 * 60_000;

export interface ScenarioResult {
  passed: number;
  failed: number;
  /** The failing checks' messages. */
  failures: string[];
}

export async function runServerSuite(url: string): Promise<Map<string, ScenarioResult>> {
  const outDir = mkdtempSync(join(tmpdir(), 'swb-conformance-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      NODE20_HOOK,
      CONFORMANCE_CLI,
      'server',
      '--url',
      url,
      '--suite',
      'all',
      '-o',
      outDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout
    .setEncoding('utf8')
    .on('data', (text: string) => (output = (output + text).slice(-20_000)));
  child.stderr
    .setEncoding('utf8')
    .on('data', (text: string) => (output = (output + text).slice(-20_000)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`conformance suite did not finish within ${SUITE_TIMEOUT_MS} ms:\n${output}`));
    }, SUITE_TIMEOUT_MS);
    // The CLI exits 1 when a scenario fails: the checks say which.
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
  const results = new Map<string, ScenarioResult>();
  for (const entry of readdirSync(outDir)) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(entry)?.[1];
    if (!scenario) continue;
    const checks = JSON.parse(readFileSync(join(outDir, entry, 'checks.json'), 'utf8')) as {
      status: string;
      name: string;
      errorMessage?: string;
    }[];
    const failing = checks.filter((check) => check.status === 'FAILURE');
    results.set(scenario, {
      passed: checks.filter((check) => check.status === 'SUCCESS').length,
      failed: failing.length,
      failures: failing.map((check) => `${check.name}: ${check.errorMessage ?? 'failed'}`),
    });
  }
  if (results.size === 0) throw new Error(`the conformance suite produced no results:\n${output}`);
  return results;
}
