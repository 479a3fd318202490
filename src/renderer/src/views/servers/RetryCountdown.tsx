/** A failing server's reconnect schedule: "Next retry in 12 s", and a fresh read once it is due. */
import { useEffect } from 'react';
import { useNow } from '../../hooks/useNow';
import { retryCountdown } from '../../lib/failingServers';
import { useStores } from '../../state/stores';

/** Reread a moment after the retry is due: its outcome (ready, or the next time) is then known. */
const AFTER_DUE_MS = 400;

export function RetryCountdown({ retryAt }: { retryAt: string }) {
  const { servers } = useStores();
  const now = useNow(1000);
  const retryAtMs = Date.parse(retryAt);

  useEffect(() => {
    const timer = setTimeout(
      () => void servers.getState().refresh(),
      Math.max(0, retryAtMs - Date.now()) + AFTER_DUE_MS,
    );
    return () => clearTimeout(timer);
  }, [retryAtMs, servers]);

  if (Number.isNaN(retryAtMs)) return null;
  const when = retryCountdown(retryAtMs, now);
  return (
    <span className="retry-countdown muted" data-testid="retry-countdown" title={retryAt}>
      {when === 'now' ? 'Retrying now…' : `Next retry ${when}`}
    </span>
  );
}
