/** Settings: who answers an upstream server's questions (`elicitation`, SPEC 3 and 10). Saved on change. */
import type { ElicitationMode } from '../../../../shared/elicitation';
import { SettingSelect } from './SettingSelect';

const MODES: { value: ElicitationMode; label: string }[] = [
  { value: 'switchboard', label: 'You, here: each question waits in the pending area (default)' },
  {
    value: 'agent',
    label: 'The agent that made the call, when it can answer; otherwise you, here',
  },
];

export function ElicitationCard({ mode }: { mode: ElicitationMode }) {
  return (
    <section className="card stack" aria-label="Questions from servers">
      <h2>Questions from servers</h2>
      <p className="muted">
        A server can ask for input while it runs a tool (MCP elicitation): a confirmation, a form, a
        link to open. A question no one answers is cancelled when the approval wait runs out (58 s
        at most).
      </p>
      <SettingSelect
        setting="elicitation"
        label="Who answers"
        value={mode}
        choices={MODES}
        saved="Saved: who answers questions from servers"
        failed="Saving who answers questions failed"
      />
    </section>
  );
}
