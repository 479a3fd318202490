import { failingLabel, failingServers } from '../lib/failingServers';
import { formatHash } from '../lib/hashRoute';
import { useConnection, useServers } from '../state/stores';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/**
 * The live state and the running-call count. Both lines are always laid out at a fixed size, so
 * a call starting or ending never moves anything on the page. A failing upstream turns the live
 * state to a warning that links to the Servers view.
 */
export function ConnectionIndicator() {
  const state = useConnection((current) => current.state);
  const running = useConnection((current) => current.running.size);
  const failing = failingServers(useServers((current) => current.servers));
  const warn = state === 'live' && failing.length > 0;
  return (
    <div className="connection-indicator">
      {warn ? (
        <a
          className="connection warn"
          data-connection={state}
          data-upstreams="failing"
          href={formatHash('servers')}
          title={failingLabel(failing)}
        >
          <span className="dot warn" />
          <span className="connection-label">Live · {failing.length} failing</span>
        </a>
      ) : (
        <div className="connection" data-connection={state} title="Live updates from Switchboard">
          <span className={`dot ${state}`} />
          <span className="connection-label">{LABELS[state]}</span>
        </div>
      )}
      <div className="running-calls" data-running={running} aria-live="polite">
        {running > 0 ? `${running} call${running === 1 ? '' : 's'} running` : 'No calls running'}
      </div>
    </div>
  );
}
