/** The tools every connected server lists (loaded once per server), for the tool filter's suggestions. */
import { useEffect, useMemo } from 'react';
import { useServers, useStores } from '../state/stores';

export function useToolCatalog(): string[] {
  const { servers: store } = useStores();
  const servers = useServers((state) => state.servers);
  const tools = useServers((state) => state.tools);
  const ready = servers
    .filter((server) => server.status === 'ready' || server.status === 'quarantined')
    .map((server) => server.name)
    .join('\n');

  useEffect(() => {
    if (!ready) return;
    const loaded = store.getState().tools;
    for (const name of ready.split('\n')) {
      if (loaded[name] === undefined) void store.getState().loadTools(name);
    }
  }, [ready, store]);

  return useMemo(
    () =>
      Object.values(tools).flatMap((list) =>
        typeof list === 'string' ? [] : list.map((tool) => tool.name),
      ),
    [tools],
  );
}
