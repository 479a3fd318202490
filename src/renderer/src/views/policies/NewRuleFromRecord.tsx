/**
 * Above the rule list while a rule added from a record is in the draft: where the rule lands in
 * the order, and "optionally this argument": one of the call's arguments as its condition, chosen
 * by the person (SPEC 10, rules from a record).
 */
import { useEffect, useState } from 'react';
import type { PolicyRule } from '../../../../shared/servers';
import { UntrustedText } from '../../components/UntrustedText';
import { argumentConditions, type ArgumentCondition } from '../../../../shared/argumentCondition';
import { errorMessage } from '../../state/asyncState';
import { useApprovals, useStores } from '../../state/stores';
import './newRuleFromRecord.css';

interface Props {
  rules: PolicyRule[];
  ruleId: string;
  /** The record (or held call) the rule was made from; null when the address named none. */
  recordId: string | null;
  onChange: (rules: PolicyRule[]) => void;
}

type Loaded = { conditions: ArgumentCondition[] } | { error: string } | null;
type LoadedFor = { recordId: string; loaded: Loaded };

const VALUE_CHARS = 80;

/** The arguments of the record, or of the held call while it waits (its id is the record's). */
function useRecordConditions(recordId: string | null): Loaded {
  const { api } = useStores();
  const held = useApprovals((state) => state.pending.find((item) => item.id === recordId));
  const heldArguments = held?.arguments;
  const [state, setState] = useState<LoadedFor | null>(null);
  const known =
    state?.recordId === recordId && state.loaded !== null && 'conditions' in state.loaded;
  useEffect(() => {
    // Arguments once read stay: a held call that is decided meanwhile leaves the pending list
    // before its record is written.
    if (recordId === null || known) return;
    const settle = (loaded: Loaded): void => setState({ recordId, loaded });
    if (heldArguments !== undefined) {
      settle({ conditions: argumentConditions(heldArguments) });
      return;
    }
    let current = true;
    api
      .getActivity(recordId)
      .then(
        (record) =>
          current &&
          settle(
            record
              ? { conditions: argumentConditions(record.arguments) }
              : { error: 'no record has this id (retention or a clear removed it)' },
          ),
      )
      .catch((error: unknown) => current && settle({ error: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [api, recordId, heldArguments, known]);
  return recordId !== null && state?.recordId === recordId ? state.loaded : null;
}

function landing(rules: PolicyRule[], index: number): string {
  const position = `lands at position ${index + 1} of ${rules.length}`;
  if (index === 0) return `${position}: it decides before every other rule.`;
  const above = rules[index - 1]?.id ?? '';
  const below = rules[index + 1]?.id;
  return `${position}, below "${above}"${below === undefined ? '' : ` and above "${below}"`}: rules above it decide first when they match.`;
}

function conditionKey(condition: Pick<ArgumentCondition, 'path' | 'matcher'>): string {
  return JSON.stringify([condition.path, condition.matcher]);
}

export function NewRuleFromRecord({ rules, ruleId, recordId, onChange }: Props) {
  const loaded = useRecordConditions(recordId);
  const index = rules.findIndex((rule) => rule.id === ruleId);
  const rule = rules[index];
  if (!rule) return null;

  const entries = Object.entries(rule.arguments ?? {});
  const chosen =
    entries.length === 0
      ? 'any'
      : entries.length === 1 && entries[0]
        ? conditionKey({ path: entries[0][0], matcher: entries[0][1] })
        : null;
  const choose = (condition: ArgumentCondition | null): void => {
    const next: PolicyRule = { ...rule };
    if (condition) next.arguments = { [condition.path]: condition.matcher };
    else delete next.arguments;
    onChange(rules.map((item, at) => (at === index ? next : item)));
  };

  return (
    <div className="callout new-rule-from-record" role="status" data-testid="rule-lands">
      <div>
        The new rule <strong>{rule.id}</strong> {landing(rules, index)} Move it if needed, then
        Save.
      </div>
      {loaded && 'error' in loaded && (
        <p className="muted">Could not read the call&apos;s arguments: {loaded.error}</p>
      )}
      {loaded && 'conditions' in loaded && loaded.conditions.length > 0 && (
        <fieldset className="argument-choice">
          <legend>Only when</legend>
          <label>
            <input
              type="radio"
              name="rule-argument"
              checked={chosen === 'any'}
              onChange={() => choose(null)}
            />
            any arguments
          </label>
          {loaded.conditions.map((condition) => (
            <label key={condition.path} title={condition.matcher}>
              <input
                type="radio"
                name="rule-argument"
                checked={chosen === conditionKey(condition)}
                onChange={() => choose(condition)}
              />
              <code>{condition.path}</code> is{' '}
              <code>
                <UntrustedText
                  text={
                    condition.value.length > VALUE_CHARS
                      ? `${condition.value.slice(0, VALUE_CHARS - 1)}…`
                      : condition.value
                  }
                />
              </code>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
