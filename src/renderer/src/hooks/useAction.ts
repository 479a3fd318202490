/** Runs a user action, reports failure (and optionally success) as a notice, tracks busy state. */
import { useCallback, useState } from 'react';
import { errorMessage } from '../state/asyncState';
import { useStores } from '../state/stores';

export function useAction(): {
  busy: boolean;
  run: (action: () => Promise<unknown>, done?: string, failed?: string) => Promise<boolean>;
} {
  const { notices } = useStores();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>, done?: string, failed = 'That did not work') => {
      setBusy(true);
      try {
        await action();
        if (done) notices.getState().push('info', done);
        return true;
      } catch (error) {
        notices.getState().push('error', `${failed}: ${errorMessage(error)}`);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [notices],
  );
  return { busy, run };
}
