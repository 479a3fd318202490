/** Entry of the `switchboard` CLI (built to out/main/cli.js; bin/switchboard.js imports it). */
import { runCli } from './runCli';

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
