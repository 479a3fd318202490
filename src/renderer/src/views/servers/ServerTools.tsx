/** The tools one upstream offers, as agents see them through Switchboard. */
import { useEffect } from 'react';
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
          <tr key={tool.name}>
            <td className="mono nowrap">{tool.exposed_name}</td>
            <td className="muted">{tool.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
