/**
 * An upstream's elicitation waiting for the person (SPEC 10): which server asks, during which
 * call(s), its message, the form (or the URL), and the time left before it cancels by itself.
 */
import { useState } from 'react';
import { SwitchboardApiError } from '../../../../../shared/api';
import type { PendingElicitation } from '../../../../../shared/approvals';
import type { ElicitationAnswer } from '../../../../../shared/elicitation';
import { UntrustedText } from '../../../components/UntrustedText';
import { useNow } from '../../../hooks/useNow';
import { errorMessage } from '../../../state/asyncState';
import { useStores } from '../../../state/stores';
import { secondsLeft } from '../ApprovalCard';
import { ElicitationForm } from './ElicitationForm';
import { ElicitationUrl } from './ElicitationUrl';
import { RelatedCalls } from './RelatedCalls';

export function ElicitationCard({ request }: { request: PendingElicitation }) {
  const { approvals, notices } = useStores();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const left = secondsLeft(request.expires_at, now);
  const title = `${request.server_name} asks for input`;

  const answer = async (value: ElicitationAnswer): Promise<string | null> => {
    setBusy(true);
    try {
      await approvals.getState().answerElicitation(request.id, value);
      return null;
    } catch (error) {
      // A 400 is the form's to show beside the fields; anything else ended the request.
      if (error instanceof SwitchboardApiError && error.code === 'bad_request')
        return error.message;
      notices.getState().push('error', `Answer failed: ${errorMessage(error)}`);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return (
    <article
      className="approval-card elicitation-card"
      aria-label={title}
      data-elicitation-id={request.id}
    >
      <header className="approval-head">
        <h2>
          <bdi className="mono">{request.server_name}</bdi> asks for input
        </h2>
        <span className="approval-countdown" aria-label={`${left} seconds left`}>
          {left} s
        </span>
      </header>
      <RelatedCalls recordIds={request.related_record_ids} />
      <p className="elicitation-message">
        <UntrustedText text={request.message} multiline />
      </p>
      {request.mode === 'url' ? (
        <ElicitationUrl url={request.url ?? ''} busy={busy} onAnswer={answer} />
      ) : (
        <ElicitationForm schema={request.requested_schema} busy={busy} onAnswer={answer} />
      )}
    </article>
  );
}
