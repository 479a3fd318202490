/**
 * An in-app confirmation, instead of the browser's confirm(): styled like the app, readable in
 * the Electron window, and safe by default (Cancel has the focus; Escape or a click outside cancels).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest;
  onClose: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="modal" role="alertdialog" aria-modal="true" aria-label={request.title}>
        <h2>{request.title}</h2>
        <div className="stack">{request.body}</div>
        <div className="row end">
          <button type="button" ref={cancel} onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={request.danger ? 'danger' : 'primary'}
            onClick={() => {
              onClose();
              request.onConfirm();
            }}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** One pending confirmation per view: `ask` opens it, `dialog` renders it (or nothing). */
export function useConfirm(): { ask: (request: ConfirmRequest) => void; dialog: ReactNode } {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const dialog = request ? (
    <ConfirmDialog request={request} onClose={() => setRequest(null)} />
  ) : null;
  return { ask: setRequest, dialog };
}
