/**
 * SwitchboardApi's request methods answered from the core object, for IPC. Arguments arrive
 * already validated (ipcArgumentSchemas.ts); deeper config checks are core's and name key paths.
 */
import type { SwitchboardApi } from '../../shared/api';
import { SwitchboardApiError } from '../../shared/api';
import type { InvokeResult, SwitchboardInvokeMethod } from '../../shared/ipc';
import type { Switchboard } from '../core/switchboard';

/** Export and showInFolder need the window and dialogs: they live in exportIpc.ts. */
export type CoreRequestMethod = Exclude<SwitchboardInvokeMethod, 'exportActivity' | 'showInFolder'>;

export type CoreRequestHandlers = {
  [M in CoreRequestMethod]: (
    ...args: Parameters<SwitchboardApi[M]>
  ) => InvokeResult<M> | Promise<InvokeResult<M>>;
};

function requireServer(switchboard: Switchboard, name: string): void {
  if (!switchboard.upstreams.server(name)) {
    throw new SwitchboardApiError(
      'not_found',
      `No server named "${name}": check the name in the Servers view or mcp_config.json.`,
    );
  }
}

export function createCoreRequestHandlers(switchboard: Switchboard): CoreRequestHandlers {
  return {
    getStatus: () => switchboard.status(),
    listActivity: (query) => switchboard.activity.list(query),
    getActivity: (id) => switchboard.activity.get(id),
    getSummary: (period, filter) => switchboard.activity.summary(period, filter),
    clearActivity: (scope) => switchboard.clearActivity(scope, { via: 'desktop' }),
    listServers: () => switchboard.upstreams.servers(),
    getServerTools: (name) => {
      requireServer(switchboard, name);
      return switchboard.upstreams.tools(name);
    },
    addServer: (name, entry) => switchboard.servers.add(name, entry),
    updateServer: (name, patch) => switchboard.servers.update(name, patch),
    removeServer: (name) => switchboard.servers.remove(name),
    serverAction: (name, action) => switchboard.servers.act(name, action),
    importServers: (configJson) => switchboard.servers.importConfig(configJson),
    getPolicies: () => switchboard.getPolicies(),
    setPolicies: (rules) => switchboard.setPolicies(rules),
    listTokens: () => switchboard.tokens.list(),
    createToken: (name) => switchboard.tokens.create(name),
    revokeToken: (id) => {
      if (!switchboard.tokens.revoke(id)) {
        throw new SwitchboardApiError('not_found', `No MCP token with id "${id}".`);
      }
    },
    listApprovals: () => switchboard.approvals.pending(),
    // SPEC 10: IPC is the desktop app's door, so its decisions are `desktop`.
    decideApproval: (id, decision) => switchboard.approvals.answer(id, { decision }, 'desktop'),
    getSettings: () => switchboard.getSettings(),
    updateSettings: (patch) => switchboard.updateSettings(patch),
  };
}
