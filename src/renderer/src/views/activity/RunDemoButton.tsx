/** First run: starts the offline demo server through Switchboard and makes a few calls through it. */
import { useAction } from '../../hooks/useAction';
import { formatCountOf } from '../../lib/format';
import { useSettings, useStores } from '../../state/stores';

export function RunDemoButton() {
  const { api, servers, notices } = useStores();
  const launcher = useSettings((state) => state.info?.launcher);
  const { busy, run } = useAction();
  // Only where Switchboard knows its own command, which runs the demo server.
  if (launcher === undefined) return null;
  return (
    <button
      type="button"
      className="primary"
      disabled={busy}
      data-testid="run-demo"
      onClick={() =>
        void run(
          async () => {
            const summary = await api.startDemo();
            void servers.getState().refresh();
            notices
              .getState()
              .push(
                'info',
                `Demo: ${formatCountOf(summary.calls, 'call')} (${summary.success} succeeded, ${summary.tool_error} tool errors, ${summary.blocked} blocked by the demo rule)`,
              );
          },
          undefined,
          'The demo did not run',
        )
      }
    >
      {busy ? 'Running the demo…' : 'Run demo'}
    </button>
  );
}
