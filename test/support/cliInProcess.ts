/** Runs the `switchboard` CLI in this process against a running core, capturing all it prints. */
import { vi } from 'vitest';
import { runCli } from '../../src/main/cli/runCli';

export async function runCliAgainst(
  core: { base: string; apiKey: string },
  ...args: string[]
): Promise<{ code: number; out: string }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runCli(
      ['node', 'switchboard', ...args, '--url', core.base, '--api-key', core.apiKey],
      {
        writeOut: (text) => void (out += text),
        writeErr: (text) => void (out += text),
      },
    );
    return { code, out };
  } finally {
    write.mockRestore();
  }
}
