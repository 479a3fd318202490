import { describe, expect, it } from 'vitest';
import { elicitationFields } from '../../../../../../src/renderer/src/views/approvals/elicitation/elicitationFields';
import { EVERYTHING_SCHEMA } from './schemaFixture';

describe('elicitation fields from a requested schema', () => {
  it('reads every kind the MCP spec allows, in the order the server listed them', () => {
    const fields = elicitationFields(EVERYTHING_SCHEMA);
    expect(fields.map((field) => `${field.name}:${field.kind}`)).toEqual([
      'name:text',
      'check:boolean',
      'firstLine:text',
      'email:text',
      'integer:number',
      'number:number',
      'untitledSingle:select',
      'untitledMulti:multiselect',
      'titledSingle:select',
      'titledMulti:multiselect',
      'legacy:select',
    ]);
    expect(fields[0]).toMatchObject({
      label: 'String',
      description: 'Your full, legal name',
      required: true,
      defaultValue: null,
    });
    expect(fields[2]).toMatchObject({ label: 'firstLine', required: false });
    expect(fields[3]).toMatchObject({ format: 'email' });
    expect(fields[4]).toMatchObject({ integer: true, minimum: 1, maximum: 100, defaultValue: 42 });
    expect(fields[5]).toMatchObject({ integer: false, defaultValue: 3.14 });
    expect(fields[7]).toMatchObject({
      minItems: 1,
      maxItems: 3,
      defaultValue: ['Guitar'],
      options: [
        { value: 'Guitar', label: 'Guitar' },
        { value: 'Piano', label: 'Piano' },
      ],
    });
    expect(fields[8]).toMatchObject({
      options: [
        { value: 'hero-1', label: 'Superman' },
        { value: 'hero-2', label: 'Green Lantern' },
      ],
      defaultValue: 'hero-1',
    });
    // A choice without a title is labelled by its value.
    expect(fields[9]).toMatchObject({
      options: [
        { value: 'fish-1', label: 'Tuna' },
        { value: 'fish-2', label: 'fish-2' },
      ],
      defaultValue: [],
    });
    expect(fields[10]).toMatchObject({
      options: [
        { value: 'pet-1', label: 'Cats' },
        { value: 'pet-2', label: 'Dogs' },
      ],
    });
  });

  it('does not trust the shape: odd properties become unsupported fields, junk becomes none', () => {
    expect(elicitationFields(null)).toEqual([]);
    expect(elicitationFields({ type: 'object' })).toEqual([]);
    const fields = elicitationFields({
      type: 'object',
      properties: {
        nested: { type: 'object', properties: {} },
        list: { type: 'array', items: { type: 'number' } },
        bare: 'text',
        wrongNames: { type: 'string', enum: ['a', 'b'], enumNames: ['only one'] },
        badDefault: { type: 'integer', default: 'ten', minimum: 'low' },
      },
      required: 'nested',
    });
    expect(fields.map((field) => field.kind)).toEqual([
      'unsupported',
      'unsupported',
      'unsupported',
      'select',
      'number',
    ]);
    expect(fields[0]).toMatchObject({ schemaType: 'object', required: false });
    expect(fields[2]).toMatchObject({ schemaType: 'string', label: 'bare' });
    expect(fields[3]).toMatchObject({
      options: [
        { value: 'a', label: 'a' },
        { value: 'b', label: 'b' },
      ],
    });
    expect(fields[4]).toMatchObject({ defaultValue: null, minimum: null });
  });
});
