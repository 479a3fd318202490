import type { PolicyRule } from '../../../shared/servers';

export interface PolicyCall {
  server: string;
  /** The original (upstream) tool name. */
  tool: string;
  arguments: Record<string, unknown> | undefined;
  quarantined: boolean;
  /** The tool changed since it was approved and tool_pinning is "block" (SPEC 11). */
  toolPinChanged?: boolean;
}

export type PolicyDecision =
  | { effect: 'allow'; policy_id: string | null; reason: string | null }
  | { effect: 'block'; policy_id: string; reason: string }
  /** Hold the call until a person decides (SPEC 10); `reason` is the rule's. */
  | { effect: 'ask'; policy_id: string; reason: string | null };

/** Rules compiled once (globs, regexes, JSON paths); `evaluate` is on the call path and allocates little. */
export interface PolicyEngine {
  readonly rules: readonly PolicyRule[];
  evaluate(call: PolicyCall): PolicyDecision;
}
