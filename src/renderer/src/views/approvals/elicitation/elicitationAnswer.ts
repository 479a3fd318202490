/**
 * Turns the form's draft into an Accept the core will take, or the errors to show beside the
 * fields: the form's own (empty, not a number), then the shared validator's, which is the one the
 * core answers 400 with, so what the form lets through the core accepts.
 */
import type { ElicitationSchema } from '../../../../../shared/elicitation';
import { checkElicitationContent } from '../../../../../shared/elicitationContent';
import {
  draftToContent,
  type ElicitationContent,
  type ElicitationDraft,
  type FieldErrors,
} from './elicitationDraft';
import type { ElicitationField } from './elicitationFields';

const CONTENT_FIELD = /^content\.(.+)$/;

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export type AcceptCheck =
  { ok: true; content: ElicitationContent } | { ok: false; errors: FieldErrors; other: string[] };

export function checkAccept(
  schema: ElicitationSchema | null,
  fields: readonly ElicitationField[],
  draft: ElicitationDraft,
): AcceptCheck {
  const { content, errors } = draftToContent(fields, draft);
  const other: string[] = [];
  if (schema) {
    for (const problem of checkElicitationContent(schema, content)) {
      const name = CONTENT_FIELD.exec(problem.field)?.[1];
      if (name === undefined) other.push(`${problem.field}: ${problem.message}`);
      else errors[name] ??= sentence(problem.message);
    }
  }
  return Object.keys(errors).length === 0 && other.length === 0
    ? { ok: true, content }
    : { ok: false, errors, other };
}

/**
 * The core's 400 (`content.age: expected an integer, got "x"; content.name: …`) back into field
 * errors, for the rare case the form let through what the core refuses.
 */
export function errorsFromMessage(
  message: string,
  fields: readonly ElicitationField[],
): FieldErrors {
  const names = new Set(fields.map((field) => field.name));
  const errors: FieldErrors = {};
  for (const part of message.split('; ')) {
    const match = /^content\.([^:]+): (.+)$/.exec(part.trim());
    if (match?.[1] !== undefined && match[2] !== undefined && names.has(match[1]))
      errors[match[1]] ??= sentence(match[2]);
  }
  return errors;
}
