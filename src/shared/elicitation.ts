/**
 * Elicitation shapes (SPEC 3, 10): who answers an upstream's `elicitation/create`, the schema it
 * asks with, and the answer a person gives. Pure: the core, the CLI and the UI share them.
 */

/** `switchboard` (default): the person at the desktop answers; `agent`: forwarded to the agent. */
export const ELICITATION_MODES = ['switchboard', 'agent'] as const;
export type ElicitationMode = (typeof ELICITATION_MODES)[number];

export const ELICITATION_ACTIONS = ['accept', 'decline', 'cancel'] as const;
export type ElicitationAction = (typeof ELICITATION_ACTIONS)[number];

/** `form`: fields from `requested_schema`; `url`: the person opens a URL (no content comes back). */
export type ElicitationRequestMode = 'form' | 'url';

/** What an accepted form carries, field by field (MCP: strings, numbers, booleans, string lists). */
export type ElicitationValue = string | number | boolean | string[];
export type ElicitationContent = Record<string, ElicitationValue>;

/** A choice of a titled enum (`oneOf` for one value, `items.anyOf` for several). */
export interface ElicitationChoice {
  const: string;
  title: string;
}

/** One field of the form (MCP's restricted JSON Schema: primitives, single and multi select). */
export interface ElicitationFieldSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  title?: string;
  description?: string;
  default?: ElicitationValue;
  minLength?: number;
  maxLength?: number;
  format?: 'email' | 'uri' | 'date' | 'date-time';
  minimum?: number;
  maximum?: number;
  /** Single select without titles (and the legacy `enumNames` titles). */
  enum?: string[];
  enumNames?: string[];
  /** Single select with titles. */
  oneOf?: ElicitationChoice[];
  /** Multi select. */
  minItems?: number;
  maxItems?: number;
  items?: { type?: 'string'; enum?: string[]; anyOf?: ElicitationChoice[] };
}

/** `requestedSchema` of a form-mode request: one flat object. */
export interface ElicitationSchema {
  type: 'object';
  properties: Record<string, ElicitationFieldSchema>;
  required?: string[];
}

/** The body of `POST /api/v1/approvals/{id}` for an elicitation. */
export type ElicitationAnswer =
  { action: 'accept'; content: ElicitationContent } | { action: 'decline' } | { action: 'cancel' };

/** `metadata.elicitations[]` of the records of the calls an elicitation belonged to. */
export interface ElicitationRecordEntry {
  message: string;
  action: ElicitationAction;
  decided_by: string;
  waited_ms: number;
  /** The accepted content, redacted as arguments are; absent unless accepted with content. */
  content?: Record<string, unknown>;
}

export function isElicitationMode(value: unknown): value is ElicitationMode {
  return (ELICITATION_MODES as readonly unknown[]).includes(value);
}

/** The values a field may take, when it is a single or multi select. */
export function fieldChoices(field: ElicitationFieldSchema): string[] | null {
  if (field.type === 'array') {
    const items = field.items;
    if (items?.enum !== undefined) return items.enum;
    if (items?.anyOf !== undefined) return items.anyOf.map((choice) => choice.const);
    return null;
  }
  if (field.enum !== undefined) return field.enum;
  if (field.oneOf !== undefined) return field.oneOf.map((choice) => choice.const);
  return null;
}
