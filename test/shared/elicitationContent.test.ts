import { describe, expect, it } from 'vitest';
import type { ElicitationSchema } from '../../src/shared/elicitation';
import {
  checkElicitationAnswer,
  checkElicitationContent,
  describeElicitationErrors,
} from '../../src/shared/elicitationContent';

const SCHEMA: ElicitationSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10 },
    email: { type: 'string', format: 'email' },
    birthday: { type: 'string', format: 'date' },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    score: { type: 'number' },
    subscribe: { type: 'boolean', default: true },
    color: { type: 'string', enum: ['red', 'green'] },
    size: {
      type: 'string',
      oneOf: [
        { const: 's', title: 'Small' },
        { const: 'l', title: 'Large' },
      ],
    },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, maxItems: 2 },
    titled: {
      type: 'array',
      items: { anyOf: [{ const: 'x', title: 'X' }] },
      minItems: 1,
    },
  },
  required: ['name', 'age'],
};

const form = { mode: 'form' as const, requested_schema: SCHEMA };

describe('elicitation content against the requested schema', () => {
  it('accepts content that fits every field', () => {
    expect(
      checkElicitationContent(SCHEMA, {
        name: 'Ada',
        email: 'ada@example.com',
        birthday: '1815-12-10',
        age: 36,
        score: 9.5,
        subscribe: false,
        color: 'red',
        size: 'l',
        tags: ['a', 'c'],
        titled: ['x'],
      }),
    ).toEqual([]);
  });

  it('names each field that does not fit, and what was expected', () => {
    const errors = checkElicitationContent(SCHEMA, {
      name: 'A',
      email: 'not an address',
      birthday: '10/12/1815',
      age: 36.5,
      score: '9',
      subscribe: 'yes',
      color: 'blue',
      size: 'm',
      tags: ['a', 'b', 'c'],
      titled: [],
      extra: 1,
    });
    expect(Object.fromEntries(errors.map((error) => [error.field, error.message]))).toEqual({
      'content.name': 'expected at least 2 characters, got 1',
      'content.email': 'expected an email address, got "not an address"',
      'content.birthday': 'expected a date (YYYY-MM-DD), got "10/12/1815"',
      'content.age': 'expected an integer, got 36.5',
      'content.score': 'expected a number, got "9"',
      'content.subscribe': 'expected true or false, got "yes"',
      'content.color': 'expected one of "red", "green", got "blue"',
      'content.size': 'expected one of "s", "l", got "m"',
      'content.tags': 'expected at most 2 choices, got 3',
      'content.titled': 'expected at least 1 choices, got 0',
      'content.extra': expect.stringMatching(
        /^not a field of the requested schema \(fields: name, /,
      ),
    });
  });

  it('reports a missing required field and range limits', () => {
    expect(describeElicitationErrors(checkElicitationContent(SCHEMA, { age: 200 }))).toBe(
      'content.age: expected at most 150, got 200; content.name: required, and missing',
    );
    expect(checkElicitationContent(SCHEMA, ['Ada'])).toEqual([
      { field: 'content', message: 'expected an object of fields, got an array' },
    ]);
  });
});

describe('an elicitation answer', () => {
  it('is accept with content, decline or cancel', () => {
    expect(
      checkElicitationAnswer(form, { action: 'accept', content: { name: 'Ada', age: 3 } }),
    ).toEqual({ ok: true, answer: { action: 'accept', content: { name: 'Ada', age: 3 } } });
    expect(checkElicitationAnswer(form, { action: 'decline' })).toEqual({
      ok: true,
      answer: { action: 'decline' },
    });
    expect(checkElicitationAnswer(form, { action: 'cancel' })).toEqual({
      ok: true,
      answer: { action: 'cancel' },
    });
  });

  it('refuses an unknown action, content on a decline, and content that does not fit', () => {
    expect(checkElicitationAnswer(form, { decision: 'allow_once' })).toEqual({
      ok: false,
      errors: [
        { field: 'action', message: 'expected "accept", "decline" or "cancel", got nothing' },
      ],
    });
    expect(checkElicitationAnswer(form, { action: 'decline', content: {} })).toMatchObject({
      ok: false,
      errors: [{ field: 'content' }],
    });
    expect(
      checkElicitationAnswer(form, { action: 'accept', content: { name: 'Ada', age: 'old' } }),
    ).toEqual({
      ok: false,
      errors: [{ field: 'content.age', message: 'expected an integer, got "old"' }],
    });
  });

  it('in URL mode, accepts without content and refuses fields', () => {
    const url = { mode: 'url' as const, requested_schema: null };
    expect(checkElicitationAnswer(url, { action: 'accept' })).toEqual({
      ok: true,
      answer: { action: 'accept', content: {} },
    });
    expect(checkElicitationAnswer(url, { action: 'accept', content: { a: 1 } })).toMatchObject({
      ok: false,
      errors: [{ field: 'content' }],
    });
  });
});
