/** One setting chosen from a list and saved as soon as it changes (no form, no Save button). */
import type { ActivitySettings } from '../../../../shared/servers';
import { useAction } from '../../hooks/useAction';
import { useStores } from '../../state/stores';

type ChoiceKey = 'tool_pinning' | 'elicitation';

export interface SettingSelectProps<K extends ChoiceKey> {
  setting: K;
  label: string;
  value: ActivitySettings[K];
  choices: readonly { value: ActivitySettings[K]; label: string }[];
  /** What the toast says after saving, and after a failed save. */
  saved: string;
  failed: string;
}

export function SettingSelect<K extends ChoiceKey>(props: SettingSelectProps<K>) {
  const { settings } = useStores();
  const { busy, run } = useAction();
  return (
    <label className="field">
      {props.label}
      <select
        value={props.value}
        disabled={busy}
        onChange={(event) => {
          const patch = { [props.setting]: event.target.value } as Partial<ActivitySettings>;
          void run(() => settings.getState().save(patch), props.saved, props.failed);
        }}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
