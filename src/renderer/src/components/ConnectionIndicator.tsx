import { useConnection } from '../state/stores';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

export function ConnectionIndicator() {
  const state = useConnection((current) => current.state);
  const running = useConnection((current) => current.running.size);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="connection" data-connection={state} title="Live updates from Switchboard">
        <span className={`dot ${state}`} />
        {LABELS[state]}
      </div>
      {running > 0 && (
        <div>
          {running} call{running === 1 ? '' : 's'} running
        </div>
      )}
    </div>
  );
}
