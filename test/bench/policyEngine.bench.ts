/**
 * Policy evaluation cost: one `evaluate` against 100 rules that all miss (the worst case: every
 * rule is tried), the figure the unit tests used to assert with a clock.
 */
import { createPolicyEngine, type PolicyCall } from '../../src/main/core/policy';
import { median, round } from './stats';

export interface PolicyEngineBenchResult {
  rules: number;
  calls_per_round: number;
  rounds: number;
  per_call_us: number;
}

export function runPolicyEngineBench(
  options: { rules?: number; callsPerRound?: number; rounds?: number } = {},
): PolicyEngineBenchResult {
  const rules = options.rules ?? 100;
  const callsPerRound = options.callsPerRound ?? 20_000;
  const rounds = options.rounds ?? 7;
  const engine = createPolicyEngine(
    Array.from({ length: rules }, (_, i) => ({
      id: `r${i}`,
      effect: 'block' as const,
      server: `srv${i}`,
      tool: 'delete_*',
      arguments: { path: '/secret/**' },
    })),
  );
  const call: PolicyCall = {
    server: 'other',
    tool: 'read_file',
    arguments: { path: '/tmp/x' },
    quarantined: false,
  };
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < callsPerRound; i++) engine.evaluate(call);
    perCall.push(((performance.now() - started) * 1000) / callsPerRound);
  }
  return {
    rules,
    calls_per_round: callsPerRound,
    rounds,
    per_call_us: round(median(perCall), 2),
  };
}
