/** SPEC 12: the log's integrity: the signing key, the latest checkpoint, and a Verify button. */
import { useState } from 'react';
import type { ChainVerifyResult } from '../../../../shared/audit';
import { useAction } from '../../hooks/useAction';
import { formatCount } from '../../lib/format';
import { useSettings, useStores } from '../../state/stores';

function VerifyOutcome({ result }: { result: ChainVerifyResult }) {
  if (!result.ok)
    return (
      <div className="callout err" role="status" data-testid="verify-result">
        <strong>
          Broken at seq {result.seq}: {result.kind.replace('_', ' ')}
        </strong>
        <div>
          <bdi>{result.message}</bdi>
        </div>
      </div>
    );
  return (
    <div className="callout" role="status" data-testid="verify-result">
      <strong>The chain verifies.</strong> {formatCount(result.records)} records
      {result.first_seq !== null && ` (seq ${result.first_seq}–${result.last_seq})`}, head{' '}
      <span className="mono">{result.head_hash.slice(0, 16)}…</span>
      {result.unproved_records > 0 &&
        ` · ${formatCount(result.unproved_records)} newest records await the next checkpoint`}
    </div>
  );
}

export function LogIntegrityCard() {
  const { api } = useStores();
  const info = useSettings((state) => state.info);
  const { busy, run } = useAction();
  const [result, setResult] = useState<ChainVerifyResult | null>(null);
  const audit = info?.audit;
  const checkpoint = audit?.latest_checkpoint ?? null;

  const verify = (): void => {
    void run(
      async () => {
        setResult(await api.verifyActivity());
      },
      undefined,
      'Verifying the log failed',
    );
  };

  return (
    <section className="card stack" aria-label="Log integrity">
      <h2>Log integrity</h2>
      <dl className="fields">
        <dt>Signing key</dt>
        <dd className="mono">{audit?.key_fingerprint ?? 'none'}</dd>
        <dt>Latest checkpoint</dt>
        <dd>
          {checkpoint === null
            ? 'none yet'
            : `seq ${checkpoint.seq} · ${new Date(checkpoint.created_at).toLocaleString()}`}
        </dd>
      </dl>
      <div className="row">
        <button type="button" disabled={busy} onClick={verify}>
          {busy ? 'Verifying…' : 'Verify'}
        </button>
      </div>
      {result !== null && <VerifyOutcome result={result} />}
    </section>
  );
}
