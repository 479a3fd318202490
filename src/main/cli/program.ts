import { Command } from 'commander';
import { registerActivityCommands } from './commands/activityCommands';
import { registerApprovalCommands } from './commands/approvalCommands';
import { registerConnectCommand } from './commands/connectCommand';
import { registerDemoCommands } from './commands/demoCommand';
import { registerPolicyCommands } from './commands/policyCommands';
import { registerServeCommand } from './commands/serveCommand';
import { registerServerCommands } from './commands/serverCommands';
import { registerStatusCommand } from './commands/statusCommand';
import { registerTokenCommands } from './commands/tokenCommands';

export interface ProgramIo {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/** The `switchboard` command tree (SPEC 8). Commander errors are thrown, not exited, so runCli picks the exit code. */
export function createProgram(version: string, io: ProgramIo): Command {
  const program = new Command('switchboard')
    .description('Switchboard: an MCP proxy with a live activity monitor')
    .version(version, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr })
    .exitOverride();

  registerServeCommand(program);
  registerStatusCommand(program);
  registerActivityCommands(program);
  registerTokenCommands(program);
  registerServerCommands(program);
  registerPolicyCommands(program);
  registerApprovalCommands(program);
  registerConnectCommand(program);
  registerDemoCommands(program, version);
  return program;
}
