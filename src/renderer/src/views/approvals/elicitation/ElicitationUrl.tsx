/**
 * A URL-mode elicitation: the server wants the person to open a page. The URL is shown whole; it
 * opens only after an in-page confirmation that names its host, and only if it is http(s). In the
 * desktop app the window's open handler hands it to the system browser (windowSecurity.ts); in a
 * browser it opens in a new tab, without an opener.
 */
import { useEffect, useRef, useState } from 'react';
import type { ElicitationAnswer } from '../../../../../shared/elicitation';
import { UntrustedText } from '../../../components/UntrustedText';

interface Props {
  url: string;
  busy: boolean;
  onAnswer(answer: ElicitationAnswer): Promise<string | null>;
}

/** The URL if Switchboard will open it (http or https), else null. */
export function openableUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

export function ElicitationUrl({ url, busy, onAnswer }: Props) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const parsed = openableUrl(url);
  const wasConfirming = useRef(false);

  // Focus follows the question: onto "Open in browser" when it is asked, back to "Open link…".
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const open = (): void => {
    if (!parsed) return;
    window.open(parsed.href, '_blank', 'noopener,noreferrer');
    setConfirming(false);
    void onAnswer({ action: 'accept', content: {} });
  };

  return (
    <div className="elicitation-url">
      <div className="elicitation-url-text mono">
        <UntrustedText text={url} />
      </div>
      {!parsed && (
        <p className="field-error">
          Switchboard opens only http and https links; decline or cancel this request.
        </p>
      )}
      {confirming && parsed ? (
        <div className="elicitation-confirm" role="group" aria-label="Confirm opening the link">
          <p>
            Open <strong>{parsed.host}</strong> in your browser? What you do there goes to that
            site, not to Switchboard.
          </p>
          <div className="approval-actions">
            <button ref={confirmRef} type="button" className="primary" onClick={open}>
              Open in browser
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="approval-actions">
          {parsed && (
            <button
              ref={openRef}
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Open link…
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => void onAnswer({ action: 'decline' })}
          >
            Decline
          </button>
          <button type="button" disabled={busy} onClick={() => void onAnswer({ action: 'cancel' })}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
