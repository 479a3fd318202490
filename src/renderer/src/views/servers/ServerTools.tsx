/** The tools one upstream offers, as agents see them through Switchboard, with their pins. */
import { useEffect } from 'react';
import type { ToolInfo } from '../../../../shared/servers';
import { navigate } from '../../hooks/useRoute';
import { useServers, useStores } from '../../state/stores';

export function ServerTools({ name }: { name: string }) {
  const { servers } = useStores();
  const tools = useServers((state) => state.tools[name]);

  useEffect(() => {
    void servers.getState().loadTools(name);
  }, [servers, name]);

  if (tools === undefined) return <p className="muted">Loading tools…</p>;
  if (typeof tools === 'string') return <p className="error-text">Could not list tools: {tools}</p>;
  if (tools.length === 0)
    return <p className="muted">This server offers no tools (or is not connected).</p>;
  return (
    <table className="data-table tools">
      <tbody>
        {tools.map((tool) => (
          <tr key={tool.name} data-tool={tool.name} data-pin-status={tool.pin_status ?? 'off'}>
            <td className="mono nowrap">
              <bdi>{tool.exposed_name}</bdi>
            </td>
            <td className="nowrap">
              <PinMark server={name} tool={tool} />
            </td>
            <td className="muted">
              <bdi>{tool.description}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PinMark({ server, tool }: { server: string; tool: ToolInfo }) {
  if (tool.pin_status === 'changed') {
    return (
      <button
        type="button"
        className="small pin-changed"
        title="Its definition changed since it was approved: review the diff"
        onClick={() => navigate('servers', new URLSearchParams({ server, tool: tool.name }))}
      >
        ⚠ Changed: review
      </button>
    );
  }
  if (tool.pin_status === 'new') {
    return (
      <span className="pill accent" title="Appeared after the server was pinned; allowed">
        new
      </span>
    );
  }
  return null;
}
