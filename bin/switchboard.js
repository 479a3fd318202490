#!/usr/bin/env node
// The `switchboard` command: the CLI is built to out/main/cli.js (`npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(
    'switchboard: the CLI is not built yet (missing out/main/cli.js); run: npm run build\n',
  );
  process.exit(1);
}
await import(cli.href);
