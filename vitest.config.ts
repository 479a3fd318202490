import { basename, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const MODULE_PATH = '?modulePath';
const RESOLVED = '\0modulePath:';

/**
 * electron-vite turns `./x?modulePath` into the path of a separately built entry. Under vitest
 * there is no build: it becomes test/support/workers/x.mjs, which loads the source through tsx.
 */
function sourceWorkerEntries(): Plugin {
  return {
    name: 'switchboard:source-worker-entries',
    enforce: 'pre',
    resolveId(id) {
      if (!id.endsWith(MODULE_PATH)) return null;
      const name = basename(id.slice(0, -MODULE_PATH.length)).replace(/\.ts$/, '');
      return `${RESOLVED}${resolve(import.meta.dirname, 'test/support/workers', `${name}.mjs`)}`;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      return `export default ${JSON.stringify(id.slice(RESOLVED.length))};`;
    },
  };
}

export default defineConfig({
  plugins: [sourceWorkerEntries()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // better-sqlite3 is a native addon: run suites in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
