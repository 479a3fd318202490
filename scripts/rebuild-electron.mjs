#!/usr/bin/env node
// `npm run rebuild:electron`: builds better-sqlite3 for Electron's ABI into
// build/electron/better_sqlite3.node, leaving node_modules/better-sqlite3 (the Node build that
// tests and the CLI use) untouched. The desktop app loads it through better-sqlite3's
// `nativeBinding` option (SPEC 9). Works on a copy of the package: first a prebuilt binary
// (prebuild-install), else a compile against Electron's headers (@electron/rebuild).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'build', 'electron');
const TARGET = join(OUT_DIR, 'better_sqlite3.node');
const WORK = join(OUT_DIR, 'work');
const require = createRequire(import.meta.url);

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function fail(message) {
  console.error(`rebuild:electron: ${message}`);
  process.exit(1);
}

const electronVersion =
  process.env.ELECTRON_VERSION ??
  readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version;
const arch = process.env.npm_config_arch ?? process.arch;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = readJson(join(source, 'package.json')).version;
console.log(
  `rebuild:electron: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch})`,
);

// A private copy: building in place would replace the Node build that `npm test` loads.
rmSync(WORK, { recursive: true, force: true });
const workPackage = join(WORK, 'node_modules', 'better-sqlite3');
mkdirSync(dirname(workPackage), { recursive: true });
cpSync(source, workPackage, {
  recursive: true,
  filter: (path) => !path.startsWith(join(source, 'build')),
});
writeFileSync(
  join(WORK, 'package.json'),
  JSON.stringify({
    name: 'electron-sqlite-build',
    private: true,
    dependencies: { 'better-sqlite3': sqliteVersion },
  }),
);
const built = join(workPackage, 'build', 'Release', 'better_sqlite3.node');

function tryPrebuilt() {
  const bin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const result = spawnSync(
    process.execPath,
    [
      bin,
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--platform=${process.platform}`,
    ],
    {
      cwd: workPackage,
      stdio: 'inherit',
    },
  );
  return result.status === 0 && existsSync(built);
}

async function tryCompile() {
  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch {
    return false;
  }
  try {
    await rebuild({
      buildPath: WORK,
      electronVersion,
      arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
  } catch (error) {
    console.error(
      `rebuild:electron: compiling failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
  return existsSync(built);
}

if (!tryPrebuilt() && !(await tryCompile())) {
  rmSync(existsSync(TARGET) ? WORK : OUT_DIR, { recursive: true, force: true });
  fail(
    'no prebuilt binary could be downloaded and compiling against Electron headers failed; check the network (GitHub and electronjs.org) or a C++ toolchain, then retry.',
  );
}
mkdirSync(OUT_DIR, { recursive: true });
copyFileSync(built, TARGET);
// Built artefacts stay out of git whatever the root .gitignore says.
writeFileSync(join(OUT_DIR, '.gitignore'), '*\n');
rmSync(WORK, { recursive: true, force: true });
console.log(`rebuild:electron: wrote ${TARGET}`);
