import { describe, expect, it } from 'vitest';
import type { ElicitationSchema } from '../../../../../../src/shared/elicitation';
import {
  checkAccept,
  errorsFromMessage,
} from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationAnswer';
import { initialDraft } from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationDraft';
import { elicitationFields } from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationFields';
import { EVERYTHING_SCHEMA } from './schemaFixture';

const schema = EVERYTHING_SCHEMA as ElicitationSchema;
const fields = elicitationFields(schema);

describe('checking an Accept before it is sent', () => {
  it('passes a filled form on as content', () => {
    const check = checkAccept(schema, fields, { ...initialDraft(fields), name: 'Ada' });
    expect(check).toMatchObject({ ok: true, content: { name: 'Ada', integer: 42 } });
  });

  it("names each field's problem: the form's own first, then the shared validator's", () => {
    const check = checkAccept(schema, fields, {
      ...initialDraft(fields),
      integer: '500',
      number: 'x',
      email: 'not-an-address',
      // Optional, so none ticked is left out rather than held to minItems.
      untitledMulti: [],
    });
    expect(check).toEqual({
      ok: false,
      other: [],
      errors: {
        name: 'Required',
        number: 'Enter a number',
        integer: 'Expected at most 100, got 500',
        email: 'Expected an email address, got "not-an-address"',
      },
    });
  });

  it("reads the core's 400 back into field errors, ignoring names the form does not have", () => {
    expect(
      errorsFromMessage(
        'content.integer: expected an integer, got "x"; content.ghost: not a field; content.name: required, and missing',
        fields,
      ),
    ).toEqual({ integer: 'Expected an integer, got "x"', name: 'Required, and missing' });
  });
});
