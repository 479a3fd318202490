/** Policies: the ordered rule list, edited as a draft; the first matching rule decides. */
import { useEffect, useState } from 'react';
import type { PolicyRule } from '../../../../shared/servers';
import { navigate, useRoute } from '../../hooks/useRoute';
import {
  cleanRule,
  localRuleProblems,
  moveRule,
  newRule,
  ruleForTool,
} from '../../lib/policyRules';
import { errorMessage } from '../../state/asyncState';
import { usePolicies, useStores } from '../../state/stores';
import { parseRuleFromRecordParams } from '../../lib/ruleFromRecordRoute';
import { NewRuleFromRecord } from './NewRuleFromRecord';
import { RuleEditor } from './RuleEditor';

export function PoliciesView() {
  const { policies, notices } = useStores();
  const saved = usePolicies((state) => state.rules);
  const status = usePolicies((state) => state.status);
  const loadError = usePolicies((state) => state.error);
  // The draft lives in the store: switching views keeps unsaved edits.
  const draft = usePolicies((state) => state.draft);
  const setDraft = (next: PolicyRule[] | null): void => policies.getState().setDraft(next);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void policies.getState().load();
  }, [policies]);

  // From a record: `?add=block|ask|allow&server=S&tool=T&record=ID` prefills a rule at the top,
  // once; the record's arguments are offered as its condition.
  const { params } = useRoute();
  const focusRule = params.get('rule');
  const [added, setAdded] = useState<{ ruleId: string; recordId: string | null } | null>(null);
  useEffect(() => {
    const request = parseRuleFromRecordParams(params);
    if (status !== 'ready' || request === null) return;
    const next = ruleForTool(draft ?? saved, request.effect, request.server, request.tool);
    setDraft(next);
    if (next[0]) setAdded({ ruleId: next[0].id, recordId: request.recordId });
    navigate('policies', undefined, true);
  }, [params, status, draft, saved]); // eslint-disable-line react-hooks/exhaustive-deps

  // From a record's "decided by" link: `?rule=ID` shows that rule.
  useEffect(() => {
    if (focusRule === null || status !== 'ready') return;
    const element = document.querySelector(`[data-rule-id="${CSS.escape(focusRule)}"]`);
    element?.scrollIntoView({ block: 'center' });
    element?.classList.add('rule-focused');
    return () => element?.classList.remove('rule-focused');
  }, [focusRule, status]);

  const rules = draft ?? saved;
  const dirty =
    draft !== null && JSON.stringify(draft.map(cleanRule)) !== JSON.stringify(saved.map(cleanRule));
  const problems = localRuleProblems(rules);

  // Closing or reloading the window with unsaved rules asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (next: PolicyRule[]): void => {
    setDraft(next);
    setSaveError(null);
  };

  const save = async (): Promise<void> => {
    if (problems.size > 0) return;
    setSaving(true);
    try {
      await policies.getState().save(rules.map(cleanRule));
      setDraft(null);
      setAdded(null);
      setSaveError(null);
      notices.getState().push('info', 'Policies saved; new calls follow them now.');
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="policies-view">
      <header className="view-header">
        <h1>Policies</h1>
        <span className="muted">
          Rules apply top to bottom; the first match decides; no match allows.
        </span>
        <span className="spacer" />
        {dirty && (
          <button
            type="button"
            onClick={() => {
              setAdded(null);
              edit(saved);
            }}
          >
            Discard changes
          </button>
        )}
        <button type="button" onClick={() => edit([...rules, newRule(rules)])}>
          Add rule
        </button>
        <button
          type="button"
          className="primary"
          disabled={!dirty || saving || problems.size > 0}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </header>
      <div className="view-body stack">
        {status === 'error' && <p className="error-text">Could not load policies: {loadError}</p>}
        {added !== null && draft !== null && (
          <NewRuleFromRecord
            rules={draft}
            ruleId={added.ruleId}
            recordId={added.recordId}
            onChange={edit}
          />
        )}
        {saveError && (
          <div className="callout err" role="alert" data-testid="policy-error">
            <strong>Not saved: Switchboard rejected the rules</strong>
            <div>{saveError}</div>
          </div>
        )}
        {status === 'ready' && rules.length === 0 && (
          <div className="state-message">
            <h2>No rules: every call is allowed</h2>
            <p>
              Add a rule to block tools by server and tool name globs (<code>delete_*</code>),
              optionally only when an argument matches (<code>path</code> → <code>/etc/**</code>).
            </p>
          </div>
        )}
        <ol className="rule-list">
          {rules.map((rule, index) => (
            <RuleEditor
              key={index}
              rule={rule}
              index={index}
              count={rules.length}
              problem={problems.get(index) ?? null}
              isNew={draft !== null && added?.ruleId === rule.id}
              onChange={(next) => {
                // Renaming the rule from a record keeps its callout.
                if (added?.ruleId === rule.id) setAdded({ ...added, ruleId: next.id });
                edit(rules.map((item, at) => (at === index ? next : item)));
              }}
              onMove={(by) => edit(moveRule(rules, index, by))}
              onRemove={() => edit(rules.filter((_, at) => at !== index))}
            />
          ))}
        </ol>
      </div>
    </div>
  );
}
