/**
 * Every operation a door offers (REST, IPC, the CLI through REST, the UI through either bridge),
 * answered in one place. A door validates its input, calls one method and serializes the answer;
 * it never builds a result shape of its own. Every method is async so a query can leave the
 * thread that proxies calls without changing a door.
 */
import type { DemoSummary } from '../../../shared/demo';
import type {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from '../../../shared/activity';
import type { Readable } from 'node:stream';
import type { ExportRequest } from '../../../shared/api';
import type { ChainVerifyResult } from '../../../shared/audit';
import type {
  AuditEntry,
  CreatedMcpToken,
  McpTokenInfo,
  PolicyRule,
  ServerAction,
  ServerEntryInput,
  ServerInfo,
  StatusInfo,
  SwitchboardSettings,
  ToolInfo,
} from '../../../shared/servers';
import type { PendingRequest, PersonChannel } from '../../../shared/approvals';
import type { ClearScope } from '../activity/contracts';

/** Where a clear came from, for the record it leaves. */
export interface ClearOrigin {
  via: 'rest' | 'desktop';
  user_agent?: string;
}

export interface SwitchboardService {
  getStatus(): Promise<StatusInfo>;

  listActivity(query: ActivityQuery): Promise<ActivityPage>;
  /** null when the record is unknown (cleared, or removed by retention). */
  getActivity(id: string): Promise<ActivityRecord | null>;
  getSummary(period: SummaryPeriod, filter: ActivityFilter): Promise<ActivitySummary>;
  /**
   * Clears the log (SPEC 5) and records who cleared what. Records still queued belong to the log
   * being cleared, so they are committed first: `all` really means all.
   */
  clearActivity(scope: ClearScope, origin: ClearOrigin): Promise<{ deleted: number }>;
  /** SPEC 12: recomputes the hash chain and checks every checkpoint signature. */
  verifyActivity(): Promise<ChainVerifyResult>;
  /**
   * Every matching record as CSV or JSON Lines text, read as the consumer pulls (memory stays
   * flat); `onRows` gets the running row count.
   */
  exportActivity(request: ExportRequest, onRows?: (rows: number) => void): Readable;

  listServers(): Promise<ServerInfo[]>;
  /** Throws SwitchboardApiError `not_found` for an unknown name (so do the other server methods). */
  getServer(name: string): Promise<ServerInfo>;
  getServerTools(name: string): Promise<ToolInfo[]>;
  /**
   * SPEC 11: re-pins a changed or new tool's current definition (a `tool_approved` record; agents
   * get tools/list_changed). `not_found` for an unknown server or a tool that is not pinned.
   */
  approveTool(server: string, tool: string): Promise<ToolInfo>;
  addServer(name: string, entry: ServerEntryInput): Promise<ServerInfo>;
  updateServer(name: string, patch: Partial<ServerEntryInput>): Promise<ServerInfo>;
  removeServer(name: string): Promise<void>;
  serverAction(name: string, action: ServerAction): Promise<ServerInfo>;
  importServers(configJson: string): Promise<{ added: string[]; skipped: string[] }>;

  getPolicies(): Promise<PolicyRule[]>;
  /** Validates and writes; throws ConfigError naming the rule and key on an invalid list. */
  setPolicies(rules: unknown): Promise<PolicyRule[]>;

  listTokens(): Promise<McpTokenInfo[]>;
  createToken(name: string): Promise<CreatedMcpToken>;
  /** Throws `not_found` for an unknown id. */
  revokeToken(id: string): Promise<void>;
  /** PodWarden's audit entries of one token (`not_found` for an unknown id). */
  tokenAudit(tokenId: string, limit: number): Promise<AuditEntry[]>;
  /** PodWarden's audit entries of every token. */
  allAudit(limit: number): Promise<AuditEntry[]>;

  getSettings(): Promise<SwitchboardSettings>;
  /** A SettingsPatch, validated here; throws ConfigError naming the key. */
  updateSettings(patch: unknown): Promise<SwitchboardSettings>;

  /**
   * First run: adds the offline demo server and its block rule (keeping the other rules), then
   * makes a few calls through `/mcp` with a short-lived token. `unavailable` without a launcher.
   */
  startDemo(): Promise<DemoSummary>;

  /** Requests waiting for a person, oldest first (SPEC 10). */
  listApprovals(): Promise<PendingRequest[]>;
  /** Pending, or decided within the last 10 minutes; `not_found` otherwise. */
  getApproval(id: string): Promise<PendingRequest>;
  /** A person's answer through `by`; `not_found`, `conflict` (decided already), `bad_request`. */
  decideApproval(id: string, answer: unknown, by: PersonChannel): Promise<PendingRequest>;
}

export type ServiceOperation = keyof SwitchboardService;
