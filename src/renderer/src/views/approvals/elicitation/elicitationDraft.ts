/**
 * What the person has typed so far (a draft: numbers are still text), and the answer's content
 * made from it. Defaults (SEP-1034) prefill the draft; empty optional fields are left out of the
 * content; a checkbox always answers (unchecked is `false`).
 */
import type { ElicitationField } from './elicitationFields';

export type DraftValue = string | boolean | string[];
export type ElicitationDraft = Record<string, DraftValue>;
export type ContentValue = string | number | boolean | string[];
export type ElicitationContent = Record<string, ContentValue>;
/** One message per field name. */
export type FieldErrors = Record<string, string>;

const pad = (value: number): string => String(value).padStart(2, '0');

/** An RFC 3339 time as a `datetime-local` input shows it, in the person's own zone. */
export function isoToLocalInput(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return '';
  const date = `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
  const seconds = time.getSeconds() === 0 ? '' : `:${pad(time.getSeconds())}`;
  return `${date}T${pad(time.getHours())}:${pad(time.getMinutes())}${seconds}`;
}

/** A `datetime-local` value (the person's zone) as RFC 3339 UTC; null when it is no time. */
export function localInputToIso(local: string): string | null {
  // Date-time strings without an offset are local time (ECMA-262 Date.parse).
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)
    ? new Date(local)
    : null;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
}

function initialValue(field: ElicitationField): DraftValue | undefined {
  switch (field.kind) {
    case 'text':
      if (field.defaultValue === null) return '';
      return field.format === 'date-time'
        ? isoToLocalInput(field.defaultValue)
        : field.defaultValue;
    case 'number':
      return field.defaultValue === null ? '' : String(field.defaultValue);
    case 'boolean':
      return field.defaultValue ?? false;
    case 'select':
      return field.defaultValue ?? '';
    case 'multiselect':
      return [...field.defaultValue];
    case 'unsupported':
      return undefined;
  }
}

export function initialDraft(fields: readonly ElicitationField[]): ElicitationDraft {
  const draft: ElicitationDraft = {};
  for (const field of fields) {
    const value = initialValue(field);
    if (value !== undefined) draft[field.name] = value;
  }
  return draft;
}

type Parsed = { value: ContentValue } | { error: string } | null;

const REQUIRED: Parsed = { error: 'Required' };

/** An empty field: an error when the schema requires it, else left out of the content. */
const empty = (field: ElicitationField): Parsed => (field.required ? REQUIRED : null);

function parseField(field: ElicitationField, raw: DraftValue | undefined): Parsed {
  switch (field.kind) {
    case 'text': {
      const value = typeof raw === 'string' ? raw : '';
      if (value === '') return empty(field);
      if (field.format !== 'date-time') return { value };
      const iso = localInputToIso(value);
      return iso === null ? { error: 'Enter a date and time' } : { value: iso };
    }
    case 'number': {
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value === '') return empty(field);
      const number = Number(value);
      if (!Number.isFinite(number)) return { error: 'Enter a number' };
      if (field.integer && !Number.isInteger(number)) return { error: 'Enter a whole number' };
      return { value: number };
    }
    case 'boolean':
      return { value: raw === true };
    case 'select':
      return typeof raw === 'string' && raw !== '' ? { value: raw } : empty(field);
    case 'multiselect': {
      // Listed in the schema's order, whatever order they were ticked in.
      const picked = new Set(Array.isArray(raw) ? raw : []);
      const values = field.options.map((option) => option.value).filter((v) => picked.has(v));
      return values.length === 0 && !field.required ? null : { value: values };
    }
    case 'unsupported':
      return empty(field);
  }
}

/**
 * The content of an Accept, and the errors of what the form itself can tell: an empty required
 * field, text that is not a number. Whether the values fit the schema (ranges, lengths, formats,
 * choices) is the shared validator's job, the same one the core answers 400 with.
 */
export function draftToContent(
  fields: readonly ElicitationField[],
  draft: ElicitationDraft,
): { content: ElicitationContent; errors: FieldErrors } {
  const content: ElicitationContent = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const parsed = parseField(field, draft[field.name]);
    if (parsed === null) continue;
    if ('error' in parsed) errors[field.name] = parsed.error;
    else content[field.name] = parsed.value;
  }
  return { content, errors };
}
