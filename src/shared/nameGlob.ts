/**
 * Server and tool name globs, one rule for the policy engine (SPEC 4) and the Activity tool filter:
 * picomatch with dotfiles matched, so `read_*`, `*file*`, `{read,write}_file` mean the same in a
 * rule and in a filter.
 */
import picomatch from 'picomatch';

export type NameTest = (name: string) => boolean;

/** Null means "matches everything", the common case, so callers can skip it. */
export function compileNameGlob(glob: string | undefined): NameTest | null {
  if (glob === undefined || glob === '*' || glob === '**') return null;
  return picomatch(glob, { dot: true });
}

/** Whether a filter value is a glob; anything else names one tool exactly. */
export function isNameGlob(value: string): boolean {
  return /[*?[\]{}()!]/.test(value);
}

/** The Activity `tool` filter: an exact name, or a glob over names. */
export function toolFilterTest(value: string): (name: string | null) => boolean {
  if (!isNameGlob(value)) return (name) => name === value;
  const test = compileNameGlob(value);
  return (name) => name !== null && (test === null || test(name));
}
