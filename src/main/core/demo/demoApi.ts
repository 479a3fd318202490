/** What the demo needs of Switchboard: the REST client (CLI) and the service (Run demo) both fit. */
import type {
  CreatedMcpToken,
  PolicyRule,
  ServerEntryInput,
  ServerInfo,
} from '../../../shared/servers';

export interface DemoApi {
  listServers(): Promise<ServerInfo[]>;
  getServer(name: string): Promise<ServerInfo>;
  addServer(name: string, entry: ServerEntryInput): Promise<ServerInfo>;
  updateServer(name: string, patch: Partial<ServerEntryInput>): Promise<ServerInfo>;
  getPolicies(): Promise<PolicyRule[]>;
  setPolicies(rules: PolicyRule[]): Promise<PolicyRule[]>;
  createToken(name: string): Promise<CreatedMcpToken>;
  revokeToken(id: string): Promise<unknown>;
}

export type { Launcher as DemoLauncher } from '../../../shared/servers';
