import { useConnection } from '../state/stores';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/**
 * The live state and the running-call count. Both lines are always laid out at a fixed size, so
 * a call starting or ending never moves anything on the page.
 */
export function ConnectionIndicator() {
  const state = useConnection((current) => current.state);
  const running = useConnection((current) => current.running.size);
  return (
    <div className="connection-indicator">
      <div className="connection" data-connection={state} title="Live updates from Switchboard">
        <span className={`dot ${state}`} />
        {LABELS[state]}
      </div>
      <div className="running-calls" data-running={running} aria-live="polite">
        {running > 0 ? `${running} call${running === 1 ? '' : 's'} running` : 'No calls running'}
      </div>
    </div>
  );
}
