/** Tokens & Connect: create a token (secret shown once), revoke, and per-client config snippets. */
import { UntrustedText } from '../../components/UntrustedText';
import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useAction } from '../../hooks/useAction';
import { useConfirm } from '../../components/ConfirmDialog';
import { connectSnippets } from '../../lib/connectSnippets';
import { formatHash } from '../../lib/hashRoute';
import { absoluteTime, relativeTime } from '../../lib/relativeTime';
import { useSettings, useStores, useTokens } from '../../state/stores';
import { useTimeZone } from '../../state/timeZoneStore';

export function TokensView() {
  const { tokens: store } = useStores();
  const tokens = useTokens((state) => state.tokens);
  const created = useTokens((state) => state.created);
  const status = useTokens((state) => state.status);
  const zone = useTimeZone((state) => state.zone);
  const error = useTokens((state) => state.error);
  const mcpUrl = useSettings((state) => state.info?.mcp_url) ?? `${window.location.origin}/mcp`;
  const { busy, run } = useAction();
  const [name, setName] = useState('');
  const [snippetClient, setSnippetClient] = useState(0);
  const launcher = useSettings((state) => state.info?.launcher);
  const snippets = connectSnippets(mcpUrl, created?.token ?? null, launcher);
  const snippet = snippets[snippetClient] ?? snippets[0];
  const now = Date.now();
  const confirmation = useConfirm();
  const [showRevoked, setShowRevoked] = useState(false);
  const revokedCount = tokens.filter((token) => token.revoked).length;
  const shown = showRevoked ? tokens : tokens.filter((token) => !token.revoked);

  return (
    <div className="tokens-view">
      <header className="view-header">
        <h1>Tokens &amp; Connect</h1>
        <span className="muted">
          Each agent gets its own token, so the log says who made every call.
        </span>
      </header>
      <div className="view-body stack">
        <form
          className="card row"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return;
            void run(() => store.getState().create(trimmed)).then((ok) => ok && setName(''));
          }}
        >
          <label className="field grow">
            New token for
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="Claude Desktop"
              aria-label="Token name"
            />
          </label>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create token
          </button>
        </form>

        {created && (
          <div className="callout ok" data-testid="created-token">
            <strong>
              Token “{created.name}” created. Copy it now: it is shown only this once.
            </strong>
            <div className="row">
              <code className="secret">{created.token}</code>
              <CopyButton text={created.token} />
              <button
                type="button"
                className="small ghost"
                onClick={() => store.getState().dismissCreated()}
              >
                Done
              </button>
            </div>
          </div>
        )}

        <section className="card stack">
          <div className="row">
            <h2>Connect a client</h2>
            <div className="segmented" role="tablist" aria-label="Client">
              {snippets.map((item, index) => (
                <button
                  key={item.client}
                  type="button"
                  role="tab"
                  aria-selected={index === snippetClient}
                  className={`small${index === snippetClient ? ' on' : ''}`}
                  onClick={() => setSnippetClient(index)}
                >
                  {item.client}
                </button>
              ))}
            </div>
          </div>
          {snippet && (
            <>
              <div className="row">
                <span className="muted">{snippet.where}</span>
                <span className="spacer" />
                <CopyButton text={snippet.text} label="Copy config" />
              </div>
              <pre className="snippet" data-testid="connect-snippet">
                {snippet.text}
              </pre>
              {!created && (
                <p className="muted">Create a token above to fill in its secret here.</p>
              )}
            </>
          )}
        </section>

        <section className="card stack">
          <div className="row">
            <h2>Tokens</h2>
            <span className="spacer" />
            {revokedCount > 0 && (
              <label className="muted">
                <input
                  type="checkbox"
                  checked={showRevoked}
                  onChange={(event) => setShowRevoked(event.target.checked)}
                />{' '}
                Show revoked ({revokedCount})
              </label>
            )}
          </div>
          {status === 'error' && <p className="error-text">Could not load tokens: {error}</p>}
          {status === 'ready' && tokens.length === 0 && (
            <p className="muted">No tokens yet. Agents need one to connect.</p>
          )}
          {status === 'ready' && tokens.length > 0 && shown.length === 0 && (
            <p className="muted">Every token is revoked. Create one above to connect an agent.</p>
          )}
          {shown.length > 0 && (
            <table className="data-table" data-testid="tokens-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>State</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((token) => (
                  <tr key={token.id} className={token.revoked ? 'revoked' : ''}>
                    <td>
                      <strong>
                        <UntrustedText text={token.name} />
                      </strong>{' '}
                      <span className="muted mono">{token.id}</span>
                    </td>
                    <td title={absoluteTime(token.created_at, zone)}>
                      {relativeTime(token.created_at, now)}
                    </td>
                    <td
                      title={
                        token.last_used_at ? absoluteTime(token.last_used_at, zone) : undefined
                      }
                    >
                      {token.last_used_at ? relativeTime(token.last_used_at, now) : 'never'}
                    </td>
                    <td>
                      {token.revoked ? (
                        <span className="pill err">revoked</span>
                      ) : (
                        <span className="pill ok">active</span>
                      )}
                    </td>
                    <td className="actions-col">
                      <div className="row nowrap">
                        <a
                          className="small"
                          href={formatHash('activity', new URLSearchParams({ token: token.id }))}
                        >
                          View calls
                        </a>
                        {!token.revoked && (
                          <button
                            type="button"
                            className="small danger"
                            disabled={busy}
                            onClick={() =>
                              confirmation.ask({
                                title: 'Revoke this token?',
                                body: (
                                  <p>
                                    Agents using “<UntrustedText text={token.name} />” (
                                    <span className="mono">{token.id}</span>) are refused from now
                                    on. This cannot be undone.
                                  </p>
                                ),
                                confirmLabel: 'Revoke token',
                                danger: true,
                                onConfirm: () =>
                                  void run(
                                    () => store.getState().revoke(token.id),
                                    `${token.name} revoked`,
                                    'Revoke failed',
                                  ),
                              })
                            }
                          >
                            Revoke
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {confirmation.dialog}
    </div>
  );
}
