/** One policy rule: id, effect, server/tool globs, argument matchers, reason; move and remove. */
import { useState } from 'react';
import type { PolicyRule } from '../../../../shared/servers';
import { parseKeyValueLines } from '../../lib/serverImport';

interface Props {
  rule: PolicyRule;
  index: number;
  count: number;
  problem: string | null;
  /** The rule just added from a record, marked so the person sees where it sits. */
  isNew?: boolean;
  onChange: (rule: PolicyRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function argumentsText(rule: PolicyRule): string {
  return Object.entries(rule.arguments ?? {})
    .map(([path, pattern]) => `${path}: ${pattern}`)
    .join('\n');
}

export function RuleEditor({
  rule,
  index,
  count,
  problem,
  isNew = false,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const [args, setArgs] = useState(() => argumentsText(rule));
  const [argsProblem, setArgsProblem] = useState<string | null>(null);
  // The matchers as this field last set them: a change from elsewhere (an argument chosen from a
  // record) rewrites the text; the person's own typing is left as typed.
  const matchers = JSON.stringify(rule.arguments ?? {});
  const [ownMatchers, setOwnMatchers] = useState(matchers);
  if (matchers !== ownMatchers) {
    setOwnMatchers(matchers);
    setArgs(argumentsText(rule));
    setArgsProblem(null);
  }

  const commitArgs = (text: string): void => {
    setArgs(text);
    const parsed = parseKeyValueLines(text, ':');
    if (!parsed.ok) {
      setArgsProblem(
        `Argument matchers: ${parsed.error.replace('NAME:value', 'path: glob or /regex/')}`,
      );
      return;
    }
    setArgsProblem(null);
    const next = { ...rule };
    if (Object.keys(parsed.values).length > 0) next.arguments = parsed.values;
    else delete next.arguments;
    setOwnMatchers(JSON.stringify(next.arguments ?? {}));
    onChange(next);
  };

  return (
    <li className={`card rule ${rule.effect}${isNew ? ' rule-new' : ''}`} data-rule-id={rule.id}>
      <div className="rule-order">
        <span className="rule-index">{index + 1}</span>
        <button
          type="button"
          className="ghost small"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label="Move up"
        >
          ▲
        </button>
        <button
          type="button"
          className="ghost small"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label="Move down"
        >
          ▼
        </button>
      </div>
      <div className="rule-fields">
        <label className="field">
          Id
          <input
            className="mono"
            value={rule.id}
            onChange={(event) => onChange({ ...rule, id: event.target.value })}
          />
        </label>
        <label className="field">
          Effect
          <select
            value={rule.effect}
            onChange={(event) =>
              onChange({ ...rule, effect: event.target.value as PolicyRule['effect'] })
            }
          >
            <option value="block">Block</option>
            <option value="allow">Allow</option>
            <option value="ask">Ask a person</option>
          </select>
        </label>
        <label className="field">
          Server (glob)
          <input
            className="mono"
            value={rule.server ?? '*'}
            onChange={(event) => onChange({ ...rule, server: event.target.value })}
          />
        </label>
        <label className="field">
          Tool (glob)
          <input
            className="mono"
            value={rule.tool ?? '*'}
            onChange={(event) => onChange({ ...rule, tool: event.target.value })}
          />
        </label>
        <label className="field wide">
          Reason (shown to the agent and in the log)
          <input
            value={rule.reason ?? ''}
            onChange={(event) => onChange({ ...rule, reason: event.target.value })}
          />
        </label>
        <label className="field wide">
          <span>
            Only when arguments match (one <code>path: glob</code> or <code>path: /regex/</code> per
            line)
          </span>
          <textarea
            rows={Math.max(1, args.split('\n').length)}
            value={args}
            onChange={(event) => commitArgs(event.target.value)}
          />
        </label>
        {(problem ?? argsProblem) && <p className="error-text wide">{problem ?? argsProblem}</p>}
      </div>
      <button
        type="button"
        className="ghost small danger rule-remove"
        onClick={onRemove}
        aria-label={`Remove rule ${rule.id}`}
      >
        Remove
      </button>
    </li>
  );
}
