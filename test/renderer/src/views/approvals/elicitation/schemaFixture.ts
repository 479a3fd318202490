/** The schema server-everything's trigger-elicitation-request asks with (SEP-1034, SEP-1330). */
export const EVERYTHING_SCHEMA = {
  type: 'object',
  properties: {
    name: { title: 'String', type: 'string', description: 'Your full, legal name' },
    check: { title: 'Boolean', type: 'boolean' },
    firstLine: { type: 'string', default: 'It was a dark and stormy night.' },
    email: { type: 'string', format: 'email' },
    integer: { type: 'integer', minimum: 1, maximum: 100, default: 42 },
    number: { type: 'number', minimum: 0, maximum: 1000, default: 3.14 },
    untitledSingle: { type: 'string', enum: ['Monica', 'Rachel'], default: 'Monica' },
    untitledMulti: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: { type: 'string', enum: ['Guitar', 'Piano'] },
      default: ['Guitar'],
    },
    titledSingle: {
      type: 'string',
      oneOf: [
        { const: 'hero-1', title: 'Superman' },
        { const: 'hero-2', title: 'Green Lantern' },
      ],
      default: 'hero-1',
    },
    titledMulti: {
      type: 'array',
      items: { anyOf: [{ const: 'fish-1', title: 'Tuna' }, { const: 'fish-2' }] },
    },
    legacy: { type: 'string', enum: ['pet-1', 'pet-2'], enumNames: ['Cats', 'Dogs'] },
  },
  required: ['name'],
};
