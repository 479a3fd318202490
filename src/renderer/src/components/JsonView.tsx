/**
 * Formatted, collapsible JSON that stays fast on a 1 MB body (STYLE 4): the first levels start
 * open, a container shows its first entries with "show more", long strings fold, and every key
 * and string is untrusted text.
 */
import { useState } from 'react';
import { UntrustedText } from './UntrustedText';

const OPEN_DEPTH = 2;
/** Entries of a longer container start folded: one line each, however big they are. */
const OPEN_SIBLINGS_MAX = 20;
/** Entries shown per step: enough to read, few enough that opening any record stays instant. */
export const JSON_PAGE = 100;
/** Characters of a string shown before it folds. */
export const STRING_FOLD = 400;

function FoldedString({ value }: { value: string }) {
  const [open, setOpen] = useState(false);
  const quoted = JSON.stringify(value);
  if (value === '[REDACTED]') return <span className="json-redacted">{quoted}</span>;
  if (open || value.length <= STRING_FOLD) {
    return <UntrustedText className="json-string" text={quoted} />;
  }
  return (
    <>
      <UntrustedText
        className="json-string"
        text={`${JSON.stringify(value.slice(0, STRING_FOLD)).slice(0, -1)}…`}
      />{' '}
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        show all {value.length.toLocaleString()} characters
      </button>
    </>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <FoldedString value={value} />;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function Key({ name }: { name: string | null }) {
  if (name === null) return null;
  return (
    <>
      <UntrustedText className="json-key" text={JSON.stringify(name)} />
      <span className="json-key">: </span>
    </>
  );
}

function Children({ value, depth }: { value: object; depth: number }) {
  const isArray = Array.isArray(value);
  const keys = isArray ? null : Object.keys(value);
  const length = isArray ? value.length : (keys?.length ?? 0);
  const [shown, setShown] = useState(JSON_PAGE);
  const count = Math.min(shown, length);
  const items = [];
  for (let index = 0; index < count; index++) {
    const key = keys ? (keys[index] ?? '') : String(index);
    const item: unknown = isArray
      ? (value as unknown[])[index]
      : (value as Record<string, unknown>)[key];
    items.push(
      <Node
        key={key}
        name={keys ? key : null}
        value={item}
        depth={depth + 1}
        startOpen={depth + 1 < OPEN_DEPTH && length <= OPEN_SIBLINGS_MAX}
      />,
    );
  }
  const left = length - count;
  return (
    <div className="json-children">
      {items}
      {left > 0 && (
        <div className="json-more">
          <button type="button" className="small" onClick={() => setShown(shown + JSON_PAGE)}>
            Show {Math.min(JSON_PAGE, left)} more
          </button>
          <span className="muted">
            {left.toLocaleString()} of {length.toLocaleString()} not shown
          </span>
        </div>
      )}
    </div>
  );
}

function Node({
  name,
  value,
  depth,
  startOpen,
}: {
  name: string | null;
  value: unknown;
  depth: number;
  startOpen: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="json-line">
        <Key name={name} />
        <Scalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const length = isArray ? value.length : Object.keys(value).length;
  const [openMark, closeMark] = isArray ? ['[', ']'] : ['{', '}'];
  if (length === 0) {
    return (
      <div className="json-line">
        <Key name={name} />
        {openMark}
        {closeMark}
      </div>
    );
  }
  return (
    <div className="json-node">
      <button
        type="button"
        className="json-toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <span className="json-caret">{open ? '▾' : '▸'}</span>
        <Key name={name} />
        {openMark}
        {!open && (
          <span className="muted">
            {' '}
            {length.toLocaleString()} {isArray ? 'items' : 'keys'} {closeMark}
          </span>
        )}
      </button>
      {open && (
        <>
          <Children value={value} depth={depth} />
          <div className="json-line">{closeMark}</div>
        </>
      )}
    </div>
  );
}

export function JsonView({ value }: { value: unknown }) {
  return (
    <div className="json-view mono">
      <Node name={null} value={value} depth={0} startOpen />
    </div>
  );
}

/** A response string as JSON when it parses as an object or array, else null. */
export function parseJsonBody(text: string | null): unknown {
  if (!text) return null;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return null;
  }
}
