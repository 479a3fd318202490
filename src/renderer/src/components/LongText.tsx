/**
 * A text body of any size: the first part is rendered, the rest on request, so a 1 MB response
 * never lays out at once (STYLE 4). Untrusted: bidi-isolated, invisible characters escaped.
 */
import { useState } from 'react';
import { sliceWhole } from '../lib/visibleText';
import { UntrustedText } from './UntrustedText';

/** Characters rendered per step. */
export const TEXT_PAGE = 20_000;

export function LongText({ text }: { text: string }) {
  const [shown, setShown] = useState(TEXT_PAGE);
  const visible = sliceWhole(text, shown);
  const left = text.length - visible.length;
  return (
    <div className="long-text">
      <pre className="response-text">
        <UntrustedText text={visible} multiline />
      </pre>
      {left > 0 && (
        <div className="json-more">
          <button type="button" className="small" onClick={() => setShown(shown + TEXT_PAGE * 5)}>
            Show more
          </button>
          <span className="muted">
            {left.toLocaleString()} of {text.length.toLocaleString()} characters not shown
          </span>
        </div>
      )}
    </div>
  );
}
