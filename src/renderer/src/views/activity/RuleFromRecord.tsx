/**
 * "Block this tool", "Ask before this tool", "Allow this tool" from a record: open the Policies
 * view with a rule for the record's server and tool prefilled, where the person can also make
 * one of the call's arguments its condition (SPEC 10, rules from a record).
 */
import type { ActivityRecord } from '../../../../shared/activity';
import { RULE_FROM_RECORD_CHOICES } from '../../../../shared/ruleFromRecord';
import { navigate } from '../../hooks/useRoute';
import { ruleFromRecordParams } from '../../lib/ruleFromRecordRoute';

export function RuleFromRecord({ record }: { record: ActivityRecord }) {
  const { server_name: server, tool_name: tool, id: recordId } = record;
  if (server === null || tool === null) return null;
  return (
    <div className="rule-from-record" role="group" aria-label="New rule for this tool">
      {RULE_FROM_RECORD_CHOICES.map(({ effect, label }) => (
        <button
          key={effect}
          type="button"
          onClick={() =>
            navigate('policies', ruleFromRecordParams({ effect, server, tool, recordId }))
          }
        >
          {label}
        </button>
      ))}
    </div>
  );
}
