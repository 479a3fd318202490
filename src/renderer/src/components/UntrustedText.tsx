/**
 * Text an agent or an upstream wrote: bidi-isolated (a right-to-left run cannot reorder what is
 * around it) and with invisible characters shown as escapes (STYLE 4).
 */
import { visibleRuns } from '../lib/visibleText';

interface Props {
  text: string;
  /** Keep newlines and tabs (multi-line bodies); one-line cells escape them. */
  multiline?: boolean;
  className?: string;
}

export function UntrustedText({ text, multiline = false, className }: Props) {
  const runs = visibleRuns(text, multiline);
  return (
    <bdi className={className} dir="auto">
      {runs.map((run, index) =>
        run.escaped ? (
          <span key={index} className="esc" title="Invisible or control character">
            {run.text}
          </span>
        ) : (
          run.text
        ),
      )}
    </bdi>
  );
}
