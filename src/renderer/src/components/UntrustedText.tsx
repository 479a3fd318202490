/**
 * Text an agent or an upstream wrote: bidi-isolated (a right-to-left run cannot reorder what is
 * around it) and with invisible characters shown as escapes (STYLE 4).
 */
import { hitSegments } from '../../../shared/searchHits';
import { visibleRuns } from '../lib/visibleText';
import { useSearchHits } from './SearchHits';

interface Props {
  text: string;
  /** Keep newlines and tabs (multi-line bodies); one-line cells escape them. */
  multiline?: boolean;
  className?: string;
}

export function UntrustedText({ text, multiline = false, className }: Props) {
  const runs = visibleRuns(text, multiline);
  const search = useSearchHits();
  return (
    <bdi className={className} dir="auto">
      {runs.map((run, index) =>
        run.escaped ? (
          <span key={index} className="esc" title="Invisible or control character">
            {run.text}
          </span>
        ) : search ? (
          hitSegments(run.text, search).map((segment, part) =>
            segment.hit ? (
              <mark key={`${index}.${part}`} className="search-hit">
                {segment.text}
              </mark>
            ) : (
              segment.text
            ),
          )
        ) : (
          run.text
        ),
      )}
    </bdi>
  );
}
