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

  // From a record: `?add=block|ask|allow&server=S&tool=T` prefills a rule at the top, once.
  const { params } = useRoute();
  const add = params.get('add');
  const focusRule = params.get('rule');
  const [addedRuleId, setAddedRuleId] = useState<string | null>(null);
  useEffect(() => {
    const server = params.get('server');
    const tool = params.get('tool');
    if (status !== 'ready' || (add !== 'block' && add !== 'ask' && add !== 'allow')) return;
    if (server === null || tool === null) return;
    const next = ruleForTool(draft ?? saved, add, server, tool);
    setDraft(next);
    setAddedRuleId(next[0]?.id ?? null);
    navigate('policies', undefined, true);
  }, [add, params, status, draft, saved]); // eslint-disable-line react-hooks/exhaustive-deps

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
          <button type="button" onClick={() => edit(saved)}>
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
        {addedRuleId !== null && draft?.[0]?.id === addedRuleId && (
          <div className="callout" role="status" data-testid="rule-lands">
            The new rule <strong>{addedRuleId}</strong> lands at position 1 of {rules.length}: it
            decides before every other rule. Move it, then Save.
          </div>
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
              onChange={(next) => edit(rules.map((item, at) => (at === index ? next : item)))}
              onMove={(by) => edit(moveRule(rules, index, by))}
              onRemove={() => edit(rules.filter((_, at) => at !== index))}
            />
          ))}
        </ol>
      </div>
    </div>
  );
}
