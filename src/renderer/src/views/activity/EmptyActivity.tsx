/** First run: no servers yet, so explain how to get calls flowing. */
import { formatHash } from '../../lib/hashRoute';
import { RunDemoButton } from './RunDemoButton';

export function EmptyActivity({ hasServers }: { hasServers: boolean }) {
  if (hasServers) {
    return (
      <div className="state-message" data-testid="empty-activity">
        <h2>No calls recorded yet</h2>
        <p>
          Connect an agent to Switchboard with a token from{' '}
          <a href={formatHash('tokens')}>Tokens &amp; Connect</a>; every tool call it makes appears
          here as it happens.
        </p>
        <p className="muted">
          Or run the demo to drive a real MCP client through the proxy: calls, an error and a
          blocked call (<code>switchboard demo</code> in a terminal does the same).
        </p>
        <RunDemoButton />
      </div>
    );
  }
  return (
    <div className="state-message" data-testid="empty-activity">
      <h2>Welcome to Switchboard</h2>
      <p>
        Switchboard sits between your agents and their MCP servers: it forwards tool calls, blocks
        what your policies forbid, and records every call here.
      </p>
      <p>
        Start by <a href={formatHash('servers')}>adding a server</a> (a command or a URL), or import
        the
        <code> mcpServers</code> of your Claude Desktop or Cursor config in one paste.
      </p>
      <p className="muted">
        Just looking? The demo adds a small local demo server (no network) and makes a few calls
        through it: successes, tool errors and a call the policy blocks (
        <code>switchboard demo</code> in a terminal does the same).
      </p>
      <RunDemoButton />
    </div>
  );
}
