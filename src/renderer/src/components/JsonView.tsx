/** Formatted, collapsible JSON: objects and arrays fold; the first levels start open. */
import { useState } from 'react';

const OPEN_DEPTH = 2;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') {
    const redacted = value === '[REDACTED]';
    return (
      <span className={redacted ? 'json-redacted' : 'json-string'}>{JSON.stringify(value)}</span>
    );
  }
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const label = name !== null ? <span className="json-key">{JSON.stringify(name)}: </span> : null;
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="json-line">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {label}
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
        {label}
        {openMark}
        {!open && (
          <span className="muted">
            {' '}
            {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {closeMark}
          </span>
        )}
      </button>
      {open && (
        <>
          <div className="json-children">
            {entries.map(([key, item]) => (
              <Node
                key={key}
                name={Array.isArray(value) ? null : key}
                value={item}
                depth={depth + 1}
              />
            ))}
          </div>
          <div className="json-line">{closeMark}</div>
        </>
      )}
    </div>
  );
}

export function JsonView({ value }: { value: unknown }) {
  return (
    <div className="json-view mono">
      <Node name={null} value={value} depth={0} />
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
