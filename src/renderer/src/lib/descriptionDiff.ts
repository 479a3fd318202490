/** A word-level diff of two tool descriptions, split into the two sides of a side-by-side view. */
import { diffWordsWithSpace } from 'diff';

export interface DiffSegment {
  text: string;
  /** `same` on both sides; `removed` only on the pinned side; `added` only on the current side. */
  kind: 'same' | 'removed' | 'added';
}

export interface SideBySideText {
  pinned: DiffSegment[];
  current: DiffSegment[];
}

export function descriptionDiff(pinned: string, current: string): SideBySideText {
  const sides: SideBySideText = { pinned: [], current: [] };
  // With spaces as tokens, each side's segments join back to exactly its own text.
  for (const change of diffWordsWithSpace(pinned, current)) {
    if (change.added) sides.current.push({ text: change.value, kind: 'added' });
    else if (change.removed) sides.pinned.push({ text: change.value, kind: 'removed' });
    else {
      sides.pinned.push({ text: change.value, kind: 'same' });
      sides.current.push({ text: change.value, kind: 'same' });
    }
  }
  return sides;
}
