/**
 * Checks an elicitation answer against the schema the upstream asked with (SPEC 10: "validated
 * against the requested schema: 400 names the field"). Pure, so the UI's form shows the same
 * message the core would answer with.
 */
import {
  ELICITATION_ACTIONS,
  fieldChoices,
  type ElicitationAnswer,
  type ElicitationContent,
  type ElicitationFieldSchema,
  type ElicitationRequestMode,
  type ElicitationSchema,
} from './elicitation';

/** One problem, with the field it belongs to (`content.<name>`, or `action` / `content`). */
export interface ElicitationFieldError {
  field: string;
  message: string;
}

export type ElicitationAnswerCheck =
  { ok: true; answer: ElicitationAnswer } | { ok: false; errors: ElicitationFieldError[] };

// Loose on purpose: the MCP spec names the formats, not their grammar; these catch what a person
// mistypes without refusing values an upstream would take.
const FORMATS: Record<string, { test: (text: string) => boolean; what: string }> = {
  email: { test: (text) => /^[^\s@]+@[^\s@]+$/.test(text), what: 'an email address' },
  uri: { test: (text) => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(text), what: 'a URI' },
  date: {
    test: (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)),
    what: 'a date (YYYY-MM-DD)',
  },
  'date-time': {
    test: (text) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
      !Number.isNaN(Date.parse(text)),
    what: 'an RFC 3339 date-time',
  },
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** Null when the value fits the field, else what was expected. */
export function checkElicitationField(
  field: ElicitationFieldSchema,
  value: unknown,
): string | null {
  const choices = fieldChoices(field);
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case 'number':
    case 'integer': {
      const integer = field.type === 'integer';
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (integer && !Number.isInteger(value))
      )
        return `expected ${integer ? 'an integer' : 'a number'}, got ${describe(value)}`;
      if (field.minimum !== undefined && value < field.minimum)
        return `expected at least ${field.minimum}, got ${value}`;
      if (field.maximum !== undefined && value > field.maximum)
        return `expected at most ${field.maximum}, got ${value}`;
      return null;
    }
    case 'array': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        return `expected a list of strings, got ${describe(value)}`;
      const outside = choices === null ? [] : value.filter((item) => !choices.includes(item));
      if (outside.length > 0 && choices !== null)
        return `expected values among ${quoteList(choices)}, got ${describe(outside[0])}`;
      if (field.minItems !== undefined && value.length < field.minItems)
        return `expected at least ${field.minItems} choices, got ${value.length}`;
      if (field.maxItems !== undefined && value.length > field.maxItems)
        return `expected at most ${field.maxItems} choices, got ${value.length}`;
      return null;
    }
    case 'string': {
      if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
      if (choices !== null)
        return choices.includes(value)
          ? null
          : `expected one of ${quoteList(choices)}, got ${describe(value)}`;
      const length = [...value].length;
      if (field.minLength !== undefined && length < field.minLength)
        return `expected at least ${field.minLength} characters, got ${length}`;
      if (field.maxLength !== undefined && length > field.maxLength)
        return `expected at most ${field.maxLength} characters, got ${length}`;
      const format = field.format === undefined ? undefined : FORMATS[field.format];
      if (format !== undefined && !format.test(value))
        return `expected ${format.what}, got ${describe(value)}`;
      return null;
    }
    default:
      return `the requested schema gives this field the unsupported type ${describe(
        (field as { type?: unknown }).type,
      )}`;
  }
}

/** Every problem of `content` against `schema`: unknown fields, missing required ones, bad values. */
export function checkElicitationContent(
  schema: ElicitationSchema,
  content: unknown,
): ElicitationFieldError[] {
  if (!isPlainObject(content))
    return [
      { field: 'content', message: `expected an object of fields, got ${describe(content)}` },
    ];
  const errors: ElicitationFieldError[] = [];
  for (const [name, value] of Object.entries(content)) {
    const field = schema.properties[name];
    if (field === undefined || !Object.hasOwn(schema.properties, name)) {
      const known = Object.keys(schema.properties);
      errors.push({
        field: `content.${name}`,
        message: `not a field of the requested schema (fields: ${known.length === 0 ? 'none' : known.join(', ')})`,
      });
      continue;
    }
    const problem = checkElicitationField(field, value);
    if (problem !== null) errors.push({ field: `content.${name}`, message: problem });
  }
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(content, name))
      errors.push({ field: `content.${name}`, message: 'required, and missing' });
  }
  return errors;
}

/**
 * A person's answer: `{"action": "accept", "content": {...}}` (a URL-mode request takes no
 * content), `{"action": "decline"}` or `{"action": "cancel"}`.
 */
export function checkElicitationAnswer(
  request: { mode: ElicitationRequestMode; requested_schema: ElicitationSchema | null },
  input: unknown,
): ElicitationAnswerCheck {
  const action = isPlainObject(input) ? input.action : undefined;
  if (!(ELICITATION_ACTIONS as readonly unknown[]).includes(action)) {
    const got = isPlainObject(input) ? describe(action) : describe(input);
    return {
      ok: false,
      errors: [
        {
          field: 'action',
          message: `expected "accept", "decline" or "cancel", got ${got}`,
        },
      ],
    };
  }
  const body = input as Record<string, unknown>;
  if (action !== 'accept') {
    if (body.content !== undefined)
      return fail('content', `only an "accept" carries content, not a "${String(action)}"`);
    return { ok: true, answer: { action: action as 'decline' | 'cancel' } };
  }
  if (request.mode === 'url' || request.requested_schema === null) {
    if (
      body.content !== undefined &&
      !(isPlainObject(body.content) && Object.keys(body.content).length === 0)
    )
      return fail('content', 'a URL-mode request takes no content: the person acts at the URL');
    return { ok: true, answer: { action: 'accept', content: {} } };
  }
  const errors = checkElicitationContent(request.requested_schema, body.content ?? {});
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answer: { action: 'accept', content: body.content as ElicitationContent } };
}

function fail(field: string, message: string): ElicitationAnswerCheck {
  return { ok: false, errors: [{ field, message }] };
}

/** `content.age: expected an integer, got "x"; content.name: required, and missing`. */
export function describeElicitationErrors(errors: readonly ElicitationFieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}
