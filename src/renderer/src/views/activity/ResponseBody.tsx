/** The response of one record: a lazy JSON tree or text, a raw/pretty toggle and a download. */
import { useMemo, useState } from 'react';
import { JsonView, parseJsonBody } from '../../components/JsonView';
import { LongText } from '../../components/LongText';
import { saveBlob } from '../../lib/saveBlob';

export function ResponseBody({ recordId, response }: { recordId: string; response: string }) {
  const json = useMemo(() => parseJsonBody(response), [response]);
  const [raw, setRaw] = useState(false);
  const isJson = json !== null;
  return (
    <>
      <div className="response-tools">
        {isJson && (
          <div className="segmented" role="group" aria-label="Response format">
            <button
              type="button"
              className="small"
              aria-pressed={!raw}
              onClick={() => setRaw(false)}
            >
              Pretty
            </button>
            <button type="button" className="small" aria-pressed={raw} onClick={() => setRaw(true)}>
              Raw
            </button>
          </div>
        )}
        <button
          type="button"
          className="small"
          onClick={() =>
            saveBlob(
              new Blob([response], { type: isJson ? 'application/json' : 'text/plain' }),
              `${recordId}-response.${isJson ? 'json' : 'txt'}`,
            )
          }
        >
          Download response
        </button>
      </div>
      {isJson && !raw ? <JsonView value={json} /> : <LongText text={response} />}
    </>
  );
}
