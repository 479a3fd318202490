/**
 * One field of an elicitation form: its label (required ones marked), the upstream's description,
 * a hint of what fits, the control, and its error inline. Labels, descriptions and option names
 * are the upstream's text, shown escaped and bidi-isolated.
 */
import type { ReactNode } from 'react';
import { UntrustedText } from '../../../components/UntrustedText';
import { visibleText } from '../../../lib/visibleText';
import type { DraftValue } from './elicitationDraft';
import type { ElicitationField, MultiSelectField, TextField } from './elicitationFields';

interface Props {
  field: ElicitationField;
  value: DraftValue | undefined;
  error: string | undefined;
  id: string;
  disabled: boolean;
  onChange(value: DraftValue): void;
}

const INPUT_TYPES: Record<NonNullable<TextField['format']>, string> = {
  email: 'email',
  uri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
};

const FORMAT_HINTS: Record<NonNullable<TextField['format']>, string> = {
  email: 'An email address',
  uri: 'A URL, such as https://example.com',
  date: 'A date',
  'date-time': 'A date and time (your time zone)',
};

function between(low: number | null, high: number | null, unit: string): string | null {
  if (low !== null && high !== null) return `${low} to ${high}${unit}`;
  if (low !== null) return `At least ${low}${unit}`;
  if (high !== null) return `At most ${high}${unit}`;
  return null;
}

function fieldHint(field: ElicitationField): string | null {
  switch (field.kind) {
    case 'text': {
      const length = between(field.minLength, field.maxLength, ' characters');
      const format = field.format ? FORMAT_HINTS[field.format] : null;
      return [format, length].filter(Boolean).join(' · ') || null;
    }
    case 'number':
      return (
        [field.integer ? 'A whole number' : null, between(field.minimum, field.maximum, '')]
          .filter(Boolean)
          .join(' · ') || null
      );
    case 'multiselect':
      return between(field.minItems, field.maxItems, ' choices') ?? 'Any number of choices';
    case 'unsupported':
      return `Switchboard cannot fill a field of type "${field.schemaType}"`;
    default:
      return null;
  }
}

function FieldLabel({ field }: { field: ElicitationField }) {
  return (
    <>
      <UntrustedText text={field.label} />
      {field.required && (
        <span className="required-mark" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </>
  );
}

function MultiSelect({
  id,
  field,
  value,
  disabled,
  describedBy,
  invalid,
  onChange,
}: {
  id: string;
  field: MultiSelectField;
  value: string[];
  disabled: boolean;
  describedBy: string;
  invalid: boolean;
  onChange(value: string[]): void;
}) {
  const toggle = (option: string, checked: boolean): void =>
    onChange(checked ? [...value, option] : value.filter((item) => item !== option));
  return (
    <div
      className="elicitation-choices"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={describedBy || undefined}
    >
      {field.options.map((option, index) => (
        <label key={option.value} className="elicitation-choice">
          <input
            // The first box takes the field's id, so focusing the field lands in the group.
            id={index === 0 ? id : undefined}
            type="checkbox"
            checked={value.includes(option.value)}
            disabled={disabled}
            aria-invalid={invalid || undefined}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          <UntrustedText text={option.label} />
        </label>
      ))}
    </div>
  );
}

export function ElicitationFieldInput({ field, value, error, id, disabled, onChange }: Props) {
  const hint = fieldHint(field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.description ? `${id}-description` : null, hint ? hintId : null]
    .concat(error ? errorId : null)
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy || undefined,
  };
  const text = typeof value === 'string' ? value : '';

  let control: ReactNode;
  switch (field.kind) {
    case 'text':
      control = (
        <input
          {...common}
          type={field.format ? INPUT_TYPES[field.format] : 'text'}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'number':
      // Text, not type="number": Chromium empties a number input holding "abc", so the person
      // would never hear that it was not a number.
      control = (
        <input
          {...common}
          type="text"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'boolean':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
      break;
    case 'select':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{field.required ? 'Choose…' : '(none)'}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {visibleText(option.label)}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiselect':
      control = (
        <MultiSelect
          id={id}
          field={field}
          value={Array.isArray(value) ? value : []}
          disabled={disabled}
          describedBy={describedBy}
          invalid={Boolean(error)}
          onChange={onChange}
        />
      );
      break;
    case 'unsupported':
      control = null;
      break;
  }

  const isGroup = field.kind === 'multiselect' || field.kind === 'unsupported';
  return (
    <div className={`elicitation-field kind-${field.kind}${error ? ' invalid' : ''}`}>
      {field.kind === 'boolean' ? (
        <label className="elicitation-check" htmlFor={id}>
          {control}
          <span>
            <FieldLabel field={field} />
          </span>
        </label>
      ) : isGroup ? (
        <span className="elicitation-label" id={`${id}-label`}>
          <FieldLabel field={field} />
        </span>
      ) : (
        <label className="elicitation-label" htmlFor={id}>
          <FieldLabel field={field} />
        </label>
      )}
      {field.description && (
        <span className="elicitation-description" id={`${id}-description`}>
          <UntrustedText text={field.description} multiline />
        </span>
      )}
      {field.kind !== 'boolean' && control}
      {hint && (
        <span className="elicitation-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
