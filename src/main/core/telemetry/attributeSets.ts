/**
 * The low-cardinality attributes a span and its duration record share, built once per tool (and
 * protocol version, server) instead of on every call: fewer objects on the call path. Bounded:
 * cleared when full, as a tool name is whatever an agent sends.
 */
import type { Attributes } from '@opentelemetry/api';

export interface AttributeSet {
  readonly attributes: Attributes;
  /** The same with `error.type`, one object per error type. */
  withError(errorType: string): Attributes;
}

const MAX_SETS = 1024;

export function createAttributeSets(): (key: string, build: () => Attributes) => AttributeSet {
  const sets = new Map<string, AttributeSet>();
  return (key, build) => {
    let set = sets.get(key);
    if (set === undefined) {
      if (sets.size >= MAX_SETS) sets.clear();
      set = attributeSet(build());
      sets.set(key, set);
    }
    return set;
  };
}

function attributeSet(attributes: Attributes): AttributeSet {
  const errors = new Map<string, Attributes>();
  return {
    attributes,
    withError(errorType) {
      let withError = errors.get(errorType);
      if (withError === undefined) {
        withError = { ...attributes, 'error.type': errorType };
        errors.set(errorType, withError);
      }
      return withError;
    },
  };
}
