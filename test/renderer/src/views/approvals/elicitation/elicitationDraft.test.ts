import { describe, expect, it } from 'vitest';
import {
  draftToContent,
  initialDraft,
  isoToLocalInput,
  localInputToIso,
} from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationDraft';
import { elicitationFields } from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationFields';
import { EVERYTHING_SCHEMA } from './schemaFixture';

describe('elicitation draft', () => {
  it('prefills the defaults (SEP-1034), and an untouched form sends them', () => {
    const fields = elicitationFields(EVERYTHING_SCHEMA);
    const draft = initialDraft(fields);
    expect(draft).toEqual({
      name: '',
      check: false,
      firstLine: 'It was a dark and stormy night.',
      email: '',
      integer: '42',
      number: '3.14',
      untitledSingle: 'Monica',
      untitledMulti: ['Guitar'],
      titledSingle: 'hero-1',
      titledMulti: [],
      legacy: '',
    });
    expect(draftToContent(fields, { ...draft, name: 'Ada' })).toEqual({
      content: {
        name: 'Ada',
        check: false,
        firstLine: 'It was a dark and stormy night.',
        integer: 42,
        number: 3.14,
        untitledSingle: 'Monica',
        untitledMulti: ['Guitar'],
        titledSingle: 'hero-1',
      },
      errors: {},
    });
  });

  it('says what the form can tell: empty required fields and text that is not a number', () => {
    const fields = elicitationFields(EVERYTHING_SCHEMA);
    const draft = { ...initialDraft(fields), integer: '4.5', number: 'lots' };
    expect(draftToContent(fields, draft).errors).toEqual({
      name: 'Required',
      integer: 'Enter a whole number',
      number: 'Enter a number',
    });
  });

  it('lists multi-select values in the schema order, whatever order they were ticked in', () => {
    const fields = elicitationFields(EVERYTHING_SCHEMA);
    const draft = { ...initialDraft(fields), name: 'x', untitledMulti: ['Piano', 'Guitar'] };
    expect(draftToContent(fields, draft).content.untitledMulti).toEqual(['Guitar', 'Piano']);
  });

  it('sends date-times as RFC 3339 UTC and shows them in the local zone', () => {
    const fields = elicitationFields({
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time', default: '2026-12-06T10:30:00Z' } },
    });
    const draft = initialDraft(fields);
    expect(draft.at).toBe(isoToLocalInput('2026-12-06T10:30:00Z'));
    expect(draftToContent(fields, draft).content).toEqual({ at: '2026-12-06T10:30:00.000Z' });
    expect(localInputToIso('2026-12-06T10:30:45')).toBe(
      new Date(2026, 11, 6, 10, 30, 45).toISOString(),
    );
    expect(localInputToIso('yesterday')).toBeNull();
    expect(draftToContent(fields, { at: 'soon' }).errors).toEqual({ at: 'Enter a date and time' });
  });
});
