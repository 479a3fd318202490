export { createPolicyEngine } from './policyEngine';
export {
  validatePolicyRules,
  policyRuleSchema,
  policyRulesSchema,
  QUARANTINE_POLICY_ID,
  TOOL_PIN_POLICY_ID,
} from './policySchema';
export { parseJsonPath, selectJsonPath } from './jsonPath';
export type { PolicyCall, PolicyDecision, PolicyEngine } from './contracts';
