/** Settings: the `tool_pinning` mode (SPEC 11). Saved on change: one setting, no form. */
import type { ToolPinningMode } from '../../../../shared/toolPins';
import { SettingSelect } from './SettingSelect';

const MODES: { value: ToolPinningMode; label: string }[] = [
  { value: 'block', label: 'Block calls to a changed tool until approved (recommended)' },
  { value: 'warn', label: 'Warn only: record the change, let calls through' },
  { value: 'off', label: 'Off: do not pin tool definitions' },
];

export function ToolPinningCard({ mode }: { mode: ToolPinningMode }) {
  return (
    <section className="card stack" aria-label="Tool pinning">
      <h2>Tool pinning</h2>
      <p className="muted">
        Switchboard pins each tool&apos;s description and schemas the first time it sees them. A
        later change (a &ldquo;rug pull&rdquo;) is shown as a diff in Servers.
      </p>
      <SettingSelect
        setting="tool_pinning"
        label="When a tool's definition changes"
        value={mode}
        choices={MODES}
        saved="Tool pinning saved"
        failed="Saving tool pinning failed"
      />
    </section>
  );
}
