/** Clearing the log is explicit and confirmed; the core records who cleared what. */
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { formatCountOf } from '../../lib/format';
import { useStores } from '../../state/stores';

export function ClearLogCard() {
  const { api, activity, settings, notices } = useStores();
  const { busy, run } = useAction();
  const [scope, setScope] = useState<'before' | 'all'>('before');
  const [days, setDays] = useState('30');
  const [confirming, setConfirming] = useState(false);
  const validDays = /^\d+$/.test(days.trim()) && Number(days) >= 1;
  const description = scope === 'all' ? 'every record' : `records older than ${days} days`;

  const clear = (): void => {
    const request =
      scope === 'all'
        ? ({ all: true } as const)
        : { before: new Date(Date.now() - Number(days) * 86_400_000).toISOString() };
    void run(
      async () => {
        const { deleted } = await api.clearActivity(request);
        setConfirming(false);
        notices.getState().push('info', `Deleted ${formatCountOf(deleted, 'record')}.`);
        await Promise.all([activity.getState().reload(), settings.getState().loadStatus()]);
      },
      undefined,
      'Clearing the log failed',
    );
  };

  return (
    <section className="card stack danger-zone">
      <h2>Clear the activity log</h2>
      <div className="row">
        <label>
          <input type="radio" checked={scope === 'before'} onChange={() => setScope('before')} />{' '}
          Records older than
        </label>
        <input
          className="tiny"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-label="Days"
          disabled={scope !== 'before'}
        />
        <span>days</span>
        <label>
          <input type="radio" checked={scope === 'all'} onChange={() => setScope('all')} />{' '}
          Everything
        </label>
      </div>
      {!confirming ? (
        <div className="row">
          <button
            type="button"
            className="danger"
            disabled={scope === 'before' && !validDays}
            onClick={() => setConfirming(true)}
          >
            Clear…
          </button>
          {scope === 'before' && !validDays && (
            <span className="error-text">Enter a whole number of days (1 or more).</span>
          )}
        </div>
      ) : (
        <div className="callout err row" role="alertdialog" aria-label="Confirm clearing">
          <span>
            Delete {description}? This cannot be undone; a record of the clearing is kept.
          </span>
          <span className="spacer" />
          <button type="button" onClick={() => setConfirming(false)}>
            Keep them
          </button>
          <button type="button" className="danger solid" disabled={busy} onClick={clear}>
            Delete {description}
          </button>
        </div>
      )}
    </section>
  );
}
