/**
 * A form-mode elicitation: the fields of the requested schema, prefilled with its defaults, and
 * Accept / Decline / Cancel. Accept checks the draft first and puts each error beside its field,
 * then moves focus to the first one; Enter in a field accepts, as in any form.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ElicitationAnswer, ElicitationSchema } from '../../../../../shared/elicitation';
import { ElicitationFieldInput } from './ElicitationFieldInput';
import { checkAccept, errorsFromMessage } from './elicitationAnswer';
import { initialDraft, type ElicitationDraft, type FieldErrors } from './elicitationDraft';
import { elicitationFields } from './elicitationFields';

interface Props {
  schema: ElicitationSchema | null;
  busy: boolean;
  /** Resolves with the core's message when it refused the answer (400), else null. */
  onAnswer(answer: ElicitationAnswer): Promise<string | null>;
}

export function ElicitationForm({ schema, busy, onAnswer }: Props) {
  const baseId = useId();
  const fields = useMemo(() => elicitationFields(schema), [schema]);
  const [draft, setDraft] = useState<ElicitationDraft>(() => initialDraft(fields));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused Accept, the keyboard lands on the first field that needs fixing.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const refuse = (fieldErrors: FieldErrors, other: string[]): void => {
    setErrors(fieldErrors);
    setProblems(other);
    setAttempt((count) => count + 1);
  };

  const accept = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const check = checkAccept(schema, fields, draft);
    if (!check.ok) return refuse(check.errors, check.other);
    setErrors({});
    setProblems([]);
    const refused = await onAnswer({ action: 'accept', content: check.content });
    if (refused !== null) {
      const fieldErrors = errorsFromMessage(refused, fields);
      refuse(fieldErrors, Object.keys(fieldErrors).length === 0 ? [refused] : []);
    }
  };

  const change = (name: string) => (value: ElicitationDraft[string]) => {
    setDraft((current) => ({ ...current, [name]: value }));
    // The error stays until the next Accept checks again, except that editing the field clears it.
    setErrors(({ [name]: _cleared, ...rest }) => rest);
  };

  return (
    <form
      ref={formRef}
      className="elicitation-form"
      noValidate
      onSubmit={(event) => void accept(event)}
    >
      {fields.length > 0 && (
        <div className="elicitation-fields">
          {fields.map((field, index) => (
            <ElicitationFieldInput
              key={field.name}
              id={`${baseId}-f${index}`}
              field={field}
              value={draft[field.name]}
              error={errors[field.name]}
              disabled={busy}
              onChange={change(field.name)}
            />
          ))}
        </div>
      )}
      {problems.length > 0 && (
        <p className="field-error" role="alert">
          {problems.join('; ')}
        </p>
      )}
      <p className="elicitation-legend muted">
        {fields.some((field) => field.required) && '* required · '}
        Accept sends these values to the server; Decline tells it no; Cancel dismisses.
      </p>
      <div className="approval-actions">
        <button type="submit" className="primary" disabled={busy}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => void onAnswer({ action: 'decline' })}>
          Decline
        </button>
        <button type="button" disabled={busy} onClick={() => void onAnswer({ action: 'cancel' })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
