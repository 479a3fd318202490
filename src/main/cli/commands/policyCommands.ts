import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { PolicyRule } from '../../../shared/servers';
import { UsageError } from '../cliErrors';
import {
  addListCommand,
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { renderOutput } from '../format/output';
import { renderPolicies } from '../format/resourceFormat';

export function registerPolicyCommands(program: Command): void {
  const policies = program
    .command('policies')
    .description('policy rules: the first match decides, no match allows');

  addListCommand<PolicyRule>(
    policies,
    'list the rules in order',
    (api) => api.getPolicies(),
    renderPolicies,
  );

  withCommonOptions(
    policies
      .command('set')
      .description('replace the rules with those in FILE (JSON or YAML)')
      .argument('<file>', 'a rule array, or an object with "policies"'),
  ).action(async (file: string, options: CommonOptions) => {
    const rules = await readPolicyFile(file);
    const saved = await (await apiClientFor(options)).setPolicies(rules as unknown[]);
    print(
      renderOutput(
        modeOf(options),
        saved,
        () =>
          `${renderPolicies(saved)}\n${saved.length} rule${saved.length === 1 ? '' : 's'} saved.`,
      ),
    );
  });
}

/** The file may be the array itself or a config-like object with `policies`; YAML is read too. */
export async function readPolicyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  if (Array.isArray(parsed)) return parsed;
  if (
    parsed !== null &&
    typeof parsed === 'object' &&
    Array.isArray((parsed as { policies?: unknown }).policies)
  ) {
    return (parsed as { policies: unknown[] }).policies;
  }
  throw new UsageError(`${file}: expected an array of rules, or an object with a "policies" array`);
}
