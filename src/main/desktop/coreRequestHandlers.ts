/**
 * SwitchboardApi's request methods answered by the core service, for IPC. Arguments arrive
 * already validated (ipcArgumentSchemas.ts); deeper config checks are core's and name key paths.
 */
import type { SwitchboardApi } from '../../shared/api';
import { pendingRequestAnswerBody } from '../../shared/approvals';
import type { InvokeResult, SwitchboardInvokeMethod } from '../../shared/ipc';
import type { SwitchboardService } from '../core/service';

/** Export and showInFolder need the window and dialogs: they live in exportIpc.ts. */
export type CoreRequestMethod = Exclude<SwitchboardInvokeMethod, 'exportActivity' | 'showInFolder'>;

export type CoreRequestHandlers = {
  [M in CoreRequestMethod]: (...args: Parameters<SwitchboardApi[M]>) => Promise<InvokeResult<M>>;
};

export function createCoreRequestHandlers(service: SwitchboardService): CoreRequestHandlers {
  return {
    getStatus: () => service.getStatus(),
    listActivity: (query) => service.listActivity(query),
    getActivity: (id) => service.getActivity(id),
    getSummary: (period, filter) => service.getSummary(period, filter),
    clearActivity: (scope) => service.clearActivity(scope, { via: 'desktop' }),
    verifyActivity: () => service.verifyActivity(),
    listServers: () => service.listServers(),
    getServerTools: (name) => service.getServerTools(name),
    approveTool: (server, tool) => service.approveTool(server, tool),
    addServer: (name, entry) => service.addServer(name, entry),
    updateServer: (name, patch) => service.updateServer(name, patch),
    removeServer: (name) => service.removeServer(name),
    serverAction: (name, action) => service.serverAction(name, action),
    importServers: (configJson) => service.importServers(configJson),
    getPolicies: () => service.getPolicies(),
    setPolicies: (rules) => service.setPolicies(rules),
    listTokens: () => service.listTokens(),
    createToken: (name) => service.createToken(name),
    revokeToken: (id) => service.revokeToken(id),
    listApprovals: () => service.listApprovals(),
    // SPEC 10: IPC is the desktop app's door, so its decisions are `desktop`.
    decideApproval: (id, answer) =>
      service.decideApproval(id, pendingRequestAnswerBody(answer), 'desktop'),
    getSettings: () => service.getSettings(),
    startDemo: () => service.startDemo(),
    updateSettings: (patch) => service.updateSettings(patch),
  };
}
