/**
 * "Block this tool", "Ask before this tool", "Allow this tool" from a record: open the Policies
 * view with a rule for the record's server and tool prefilled (SPEC 10, rules from a record).
 */
import type { ActivityRecord } from '../../../../shared/activity';
import type { PolicyEffect } from '../../../../shared/servers';
import { navigate } from '../../hooks/useRoute';

const CHOICES: { effect: PolicyEffect; label: string }[] = [
  { effect: 'block', label: 'Block this tool' },
  { effect: 'ask', label: 'Ask before this tool' },
  { effect: 'allow', label: 'Allow this tool' },
];

export function RuleFromRecord({ record }: { record: ActivityRecord }) {
  const { server_name: server, tool_name: tool } = record;
  if (server === null || tool === null) return null;
  return (
    <div className="rule-from-record" role="group" aria-label="New rule for this tool">
      {CHOICES.map(({ effect, label }) => (
        <button
          key={effect}
          type="button"
          onClick={() => navigate('policies', new URLSearchParams({ add: effect, server, tool }))}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
