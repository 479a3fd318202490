/** Settings: the `tool_pinning` mode (SPEC 11). Saved on change: one setting, no form. */
import type { ToolPinningMode } from '../../../../shared/toolPins';
import { useAction } from '../../hooks/useAction';
import { useStores } from '../../state/stores';

const MODES: { mode: ToolPinningMode; label: string }[] = [
  { mode: 'block', label: 'Block calls to a changed tool until approved (recommended)' },
  { mode: 'warn', label: 'Warn only: record the change, let calls through' },
  { mode: 'off', label: 'Off: do not pin tool definitions' },
];

export function ToolPinningCard({ mode }: { mode: ToolPinningMode }) {
  const { settings } = useStores();
  const { busy, run } = useAction();
  return (
    <section className="card stack" aria-label="Tool pinning">
      <h2>Tool pinning</h2>
      <p className="muted">
        Switchboard pins each tool&apos;s description and schemas the first time it sees them. A
        later change (a &ldquo;rug pull&rdquo;) is shown as a diff in Servers.
      </p>
      <label className="field">
        When a tool&apos;s definition changes
        <select
          value={mode}
          disabled={busy}
          onChange={(event) => {
            const next = event.target.value as ToolPinningMode;
            void run(
              () => settings.getState().save({ tool_pinning: next }),
              'Tool pinning saved',
              'Saving tool pinning failed',
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
