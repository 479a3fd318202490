/**
 * An upstream's requested schema (MCP elicitation: a flat object of strings, numbers, booleans,
 * single- and multi-select enums, with SEP-1034 defaults and SEP-1330 enums) turned into the
 * fields a form shows. The schema is the upstream's text: nothing here trusts its shape.
 */

export type StringFormat = 'email' | 'uri' | 'date' | 'date-time';

export interface FieldOption {
  value: string;
  label: string;
}

interface FieldBase {
  /** The property name: the key of the answer's content. */
  name: string;
  label: string;
  description: string | null;
  required: boolean;
}

export interface TextField extends FieldBase {
  kind: 'text';
  format: StringFormat | null;
  minLength: number | null;
  maxLength: number | null;
  defaultValue: string | null;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  integer: boolean;
  minimum: number | null;
  maximum: number | null;
  defaultValue: number | null;
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
  defaultValue: boolean | null;
}

export interface SelectField extends FieldBase {
  kind: 'select';
  options: FieldOption[];
  defaultValue: string | null;
}

export interface MultiSelectField extends FieldBase {
  kind: 'multiselect';
  options: FieldOption[];
  minItems: number | null;
  maxItems: number | null;
  defaultValue: string[];
}

/** A property outside the spec's restricted schema: shown, never filled. */
export interface UnsupportedField extends FieldBase {
  kind: 'unsupported';
  schemaType: string;
}

export type ElicitationField =
  TextField | NumberField | BooleanField | SelectField | MultiSelectField | UnsupportedField;

const FORMATS: readonly StringFormat[] = ['email', 'uri', 'date', 'date-time'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? (value as string[])
    : null;
}

/** `oneOf` / `anyOf` of `{const, title}`: titled options (SEP-1330). */
function titledOptions(value: unknown): FieldOption[] | null {
  if (!Array.isArray(value)) return null;
  const options: FieldOption[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.const !== 'string') return null;
    options.push({ value: item.const, label: text(item.title) ?? item.const });
  }
  return options;
}

/** `enum`, labelled by the legacy `enumNames` when it has one name per value. */
function enumOptions(values: string[], names: unknown): FieldOption[] {
  const labels = strings(names);
  const usable = labels && labels.length === values.length ? labels : null;
  return values.map((value, index) => ({ value, label: usable?.[index] ?? value }));
}

function singleSelectOptions(schema: Json): FieldOption[] | null {
  const values = strings(schema.enum);
  if (values) return enumOptions(values, schema.enumNames);
  return titledOptions(schema.oneOf);
}

function multiSelectOptions(items: unknown): FieldOption[] | null {
  if (!isObject(items)) return null;
  const values = strings(items.enum);
  if (values) return enumOptions(values, undefined);
  return titledOptions(items.anyOf);
}

function schemaTypeName(schema: unknown): string {
  if (!isObject(schema)) return typeof schema;
  return typeof schema.type === 'string' ? schema.type : 'untyped';
}

function toField(name: string, schema: unknown, required: boolean): ElicitationField {
  const base: FieldBase = {
    name,
    label: (isObject(schema) && text(schema.title)) || name,
    description: isObject(schema) ? text(schema.description) : null,
    required,
  };
  const unsupported = (): UnsupportedField => ({
    ...base,
    kind: 'unsupported',
    schemaType: schemaTypeName(schema),
  });
  if (!isObject(schema)) return unsupported();

  switch (schema.type) {
    case 'string': {
      const options = singleSelectOptions(schema);
      if (options) return { ...base, kind: 'select', options, defaultValue: text(schema.default) };
      const format = FORMATS.find((item) => item === schema.format) ?? null;
      return {
        ...base,
        kind: 'text',
        format,
        minLength: finite(schema.minLength),
        maxLength: finite(schema.maxLength),
        defaultValue: text(schema.default),
      };
    }
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        minimum: finite(schema.minimum),
        maximum: finite(schema.maximum),
        defaultValue: finite(schema.default),
      };
    case 'boolean':
      return {
        ...base,
        kind: 'boolean',
        defaultValue: typeof schema.default === 'boolean' ? schema.default : null,
      };
    case 'array': {
      const options = multiSelectOptions(schema.items);
      if (!options) return unsupported();
      return {
        ...base,
        kind: 'multiselect',
        options,
        minItems: finite(schema.minItems),
        maxItems: finite(schema.maxItems),
        defaultValue: strings(schema.default) ?? [],
      };
    }
    default:
      return unsupported();
  }
}

/** The fields of a requested schema, in the order the upstream listed its properties. */
export function elicitationFields(requestedSchema: unknown): ElicitationField[] {
  if (!isObject(requestedSchema) || !isObject(requestedSchema.properties)) return [];
  const required = new Set(strings(requestedSchema.required) ?? []);
  return Object.entries(requestedSchema.properties).map(([name, schema]) =>
    toField(name, schema, required.has(name)),
  );
}
