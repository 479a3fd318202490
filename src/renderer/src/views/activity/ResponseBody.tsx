/** The response of one record: a lazy JSON tree or text, a raw/pretty toggle and a download. */
import { useMemo, useState } from 'react';
import { JsonView, parseJsonBody } from '../../components/JsonView';
import { LongText } from '../../components/LongText';

function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click is handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
            download(
              response,
              `${recordId}-response.${isJson ? 'json' : 'txt'}`,
              isJson ? 'application/json' : 'text/plain',
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
