/** Servers: state, tools, actions; add a command or URL server; import a client's config. */
import { UntrustedText } from '../../components/UntrustedText';
import { useConfirm, type ConfirmRequest } from '../../components/ConfirmDialog';
import { useEffect, useState } from 'react';
import type { ServerInfo, ServerStatus } from '../../../../shared/servers';
import { useAction } from '../../hooks/useAction';
import { navigate, useRoute } from '../../hooks/useRoute';
import { useServers, useStores } from '../../state/stores';
import { AddServerForm } from './AddServerForm';
import { ImportServersForm } from './ImportServersForm';
import { RetryCountdown } from './RetryCountdown';
import { isFailing } from '../../lib/failingServers';
import { ServerTools } from './ServerTools';
import { ToolDiffDialog } from './ToolDiffDialog';

const STATUS_TONE: Record<ServerStatus, string> = {
  ready: 'ok',
  connecting: 'accent',
  error: 'err',
  disabled: '',
  quarantined: 'warn',
};

/** While a server is connecting, poll so "connecting" turns into "ready" without a reload. */
const CONNECTING_POLL_MS = 1500;

export function ServersView() {
  const { servers: store } = useStores();
  const servers = useServers((state) => state.servers);
  const status = useServers((state) => state.status);
  const error = useServers((state) => state.error);
  const [panel, setPanel] = useState<'none' | 'add' | 'import'>('none');
  const [open, setOpen] = useState<string | null>(null);
  const confirmation = useConfirm();
  const connecting = servers.some((server) => server.status === 'connecting');
  // `#/servers?server=S&tool=T` opens that tool's diff (from its row or a notification).
  const { params } = useRoute();
  const diffServer = params.get('server');
  const diffTool = params.get('tool');

  useEffect(() => {
    if (diffServer !== null) setOpen(diffServer);
  }, [diffServer]);

  useEffect(() => {
    void store.getState().refresh();
  }, [store]);

  useEffect(() => {
    if (!connecting) return;
    const timer = setInterval(() => void store.getState().refresh(), CONNECTING_POLL_MS);
    return () => clearInterval(timer);
  }, [connecting, store]);

  return (
    <div className="servers-view">
      <header className="view-header">
        <h1>Servers</h1>
        <span className="muted">{servers.length > 0 && `${servers.length} configured`}</span>
        <span className="spacer" />
        <button
          type="button"
          className={panel === 'add' ? 'primary' : ''}
          onClick={() => setPanel(panel === 'add' ? 'none' : 'add')}
        >
          Add server
        </button>
        <button
          type="button"
          className={panel === 'import' ? 'primary' : ''}
          onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}
        >
          Import config
        </button>
      </header>
      <div className="view-body stack">
        {panel === 'add' && <AddServerForm onDone={() => setPanel('none')} />}
        {panel === 'import' && <ImportServersForm onDone={() => setPanel('none')} />}
        {status === 'error' && <p className="error-text">Could not load servers: {error}</p>}
        {status === 'ready' && servers.length === 0 && panel === 'none' && (
          <div className="state-message" data-testid="empty-servers">
            <h2>No servers yet</h2>
            <p>
              Add a server by its command (stdio, e.g.{' '}
              <code>npx -y @modelcontextprotocol/server-everything</code>) or its URL, or import the{' '}
              <code>mcpServers</code> of a Claude Desktop or Cursor config as it is.
            </p>
            <div className="row" style={{ justifyContent: 'center' }}>
              <button type="button" className="primary" onClick={() => setPanel('add')}>
                Add server
              </button>
              <button type="button" onClick={() => setPanel('import')}>
                Import config
              </button>
            </div>
          </div>
        )}
        {servers.length > 0 && (
          <table className="data-table servers" data-testid="servers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Transport</th>
                <th>Command / URL</th>
                <th className="num">Tools</th>
                <th className="actions-col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {servers.map((server) => (
                <ServerRow
                  key={server.name}
                  server={server}
                  open={open === server.name}
                  onToggle={() => setOpen(open === server.name ? null : server.name)}
                  confirm={confirmation.ask}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {confirmation.dialog}
      {diffServer !== null && diffTool !== null && (
        <ToolDiffDialog
          server={diffServer}
          tool={diffTool}
          onClose={() => navigate('servers', undefined, true)}
        />
      )}
    </div>
  );
}

function ServerRow({
  server,
  open,
  onToggle,
  confirm,
}: {
  server: ServerInfo;
  open: boolean;
  onToggle: () => void;
  confirm: (request: ConfirmRequest) => void;
}) {
  const { servers: store } = useStores();
  const { busy, run } = useAction();
  const act = (
    action: Parameters<ReturnType<typeof store.getState>['act']>[1],
    done: string,
  ): void =>
    void run(
      () => store.getState().act(server.name, action),
      done,
      `${server.name}: ${action} failed`,
    );
  const target = server.url ?? [server.command, ...(server.args ?? [])].filter(Boolean).join(' ');
  return (
    <>
      <tr data-server={server.name}>
        <td>
          <button
            type="button"
            className="ghost small"
            onClick={onToggle}
            aria-expanded={open}
            title="Show tools"
          >
            {open ? '▾' : '▸'} <strong>{server.name}</strong>
          </button>
        </td>
        <td>
          <span className={`pill ${STATUS_TONE[server.status]}`}>{server.status}</span>
          {server.error && (
            <div className="error-text small-text">
              <UntrustedText text={server.error} multiline />
            </div>
          )}
          {isFailing(server) && (
            <div className="row nowrap retry-line">
              {server.next_retry_at !== undefined && (
                <RetryCountdown retryAt={server.next_retry_at} />
              )}
              <button
                type="button"
                className="small"
                disabled={busy}
                title="Connect now instead of waiting for the next retry"
                onClick={() => act('restart', `${server.name} connected`)}
              >
                Retry now
              </button>
            </div>
          )}
        </td>
        <td className="muted">{server.transport}</td>
        <td className="mono truncate" title={target}>
          {target}
        </td>
        <td className="num">{server.tools_count}</td>
        <td className="actions-col">
          <div className="row nowrap">
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => act('restart', `${server.name} restarted`)}
            >
              Restart
            </button>
            {server.enabled ? (
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() => act('disable', `${server.name} disabled`)}
              >
                Disable
              </button>
            ) : (
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() => act('enable', `${server.name} enabled`)}
              >
                Enable
              </button>
            )}
            {server.quarantined ? (
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() => act('unquarantine', `${server.name} released from quarantine`)}
              >
                Release
              </button>
            ) : (
              <button
                type="button"
                className="small"
                disabled={busy}
                title="Hide its tools and block every call to it"
                onClick={() => act('quarantine', `${server.name} quarantined`)}
              >
                Quarantine
              </button>
            )}
            <button
              type="button"
              className="small danger"
              disabled={busy}
              onClick={() =>
                confirm({
                  title: `Remove ${server.name}?`,
                  body: (
                    <p>
                      <UntrustedText text={server.name} /> leaves mcp_config.json and agents lose
                      its tools. Its records stay in the log.
                    </p>
                  ),
                  confirmLabel: 'Remove server',
                  danger: true,
                  onConfirm: () =>
                    void run(
                      () => store.getState().remove(server.name),
                      `${server.name} removed`,
                      'Remove failed',
                    ),
                })
              }
            >
              Remove
            </button>
          </div>
        </td>
      </tr>
      {open && (
        <tr className="expanded">
          <td colSpan={6}>
            <ServerTools name={server.name} />
          </td>
        </tr>
      )}
    </>
  );
}
