/** Settings: who answers an upstream server's questions (`elicitation`, SPEC 3 and 10). Saved on change. */
import type { ElicitationMode } from '../../../../shared/elicitation';
import { useAction } from '../../hooks/useAction';
import { useStores } from '../../state/stores';

const MODES: { mode: ElicitationMode; label: string }[] = [
  { mode: 'switchboard', label: 'You, here: each question waits in the pending area (default)' },
  {
    mode: 'agent',
    label: 'The agent that made the call, when it can answer; otherwise you, here',
  },
];

export function ElicitationCard({ mode }: { mode: ElicitationMode }) {
  const { settings } = useStores();
  const { busy, run } = useAction();
  return (
    <section className="card stack" aria-label="Questions from servers">
      <h2>Questions from servers</h2>
      <p className="muted">
        A server can ask for input while it runs a tool (MCP elicitation): a confirmation, a form, a
        link to open. Unanswered questions are cancelled when the approval wait runs out.
      </p>
      <label className="field">
        Who answers
        <select
          value={mode}
          disabled={busy}
          onChange={(event) => {
            const next = event.target.value as ElicitationMode;
            void run(
              () => settings.getState().save({ elicitation: next }),
              'Saved: who answers questions from servers',
              'Saving who answers questions failed',
            );
          }}
        >
          {MODES.map((option) => (
            <option key={option.mode} value={option.mode}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
