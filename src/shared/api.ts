/**
 * The one interface the renderer knows (SPEC 1). Two implementations: the Electron preload
 * bridge (IPC) and the HTTP bridge (REST + SSE). The UI cannot tell them apart.
 */
import type { DemoSummary } from './demo';
import type {
  ActivityEvent,
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  ExportFormat,
  SummaryPeriod,
} from './activity';
import type { ChainVerifyResult } from './audit';
import type { RuleFromRecordRequest } from './ruleFromRecord';
import type { ApprovalEvent, PendingRequest, PendingRequestAnswer } from './approvals';
import type {
  SettingsPatch,
  SwitchboardSettings,
  CreatedMcpToken,
  McpTokenInfo,
  PolicyRule,
  ServerAction,
  ServerEntryInput,
  ServerInfo,
  StatusInfo,
  ToolInfo,
} from './servers';

export interface ExportRequest {
  format: ExportFormat;
  /** The filters to export; an empty object exports everything. */
  filter: ActivityFilter;
  include_bodies: boolean;
}

export interface ExportProgress {
  rows: number;
  /** Rows expected (the count when the export started), for a progress bar. */
  total: number;
}

export type ExportResult =
  { status: 'saved'; rows: number; path: string | null } | { status: 'cancelled' };

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export const BRIDGE_ERROR_CODES = [
  'bad_request',
  'not_found',
  'unauthorized',
  'conflict',
  'unavailable',
  'internal',
] as const;

/** Errors cross every bridge as data; `code` is stable, `message` is for people. */
export interface BridgeError {
  code: (typeof BRIDGE_ERROR_CODES)[number];
  message: string;
}

/**
 * The one error type of both bridges. The Electron preload rebuilds it in the page's world from
 * its own copy of this class (a function serialized across contextIsolation cannot import this
 * one), so `instanceof` recognises any Error named SwitchboardApiError that carries a bridge code.
 */
export class SwitchboardApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Duck-typed: the page's world may be another realm, with an Error of its own.
    if (typeof value !== 'object' || value === null) return false;
    const { name, code, message } = value as { name?: unknown; code?: unknown; message?: unknown };
    return (
      name === 'SwitchboardApiError' &&
      typeof message === 'string' &&
      typeof code === 'string' &&
      (BRIDGE_ERROR_CODES as readonly string[]).includes(code)
    );
  }

  constructor(
    readonly code: BridgeError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'SwitchboardApiError';
  }
}

export interface SwitchboardApi {
  getStatus(): Promise<StatusInfo>;

  listActivity(query: ActivityQuery): Promise<ActivityPage>;
  getActivity(id: string): Promise<ActivityRecord | null>;
  getSummary(period: SummaryPeriod, filter: ActivityFilter): Promise<ActivitySummary>;
  clearActivity(scope: { before: string } | { all: true }): Promise<{ deleted: number }>;
  /** SPEC 12: recomputes the log's hash chain and checks every checkpoint signature. */
  verifyActivity(): Promise<ChainVerifyResult>;
  /** Electron: native save dialog; browser: a download. Resolves when the file is written. */
  exportActivity(
    request: ExportRequest,
    onProgress: (progress: ExportProgress) => void,
    signal?: AbortSignal,
  ): Promise<ExportResult>;
  /** Reveals an exported file in the OS file manager; absent where there is none (browser). */
  showInFolder?(path: string): Promise<void>;

  listServers(): Promise<ServerInfo[]>;
  getServerTools(name: string): Promise<ToolInfo[]>;
  /** SPEC 11: re-pins a changed or new tool's current definition. */
  approveTool(server: string, tool: string): Promise<ToolInfo>;
  addServer(name: string, entry: ServerEntryInput): Promise<ServerInfo>;
  updateServer(name: string, patch: Partial<ServerEntryInput>): Promise<ServerInfo>;
  removeServer(name: string): Promise<void>;
  serverAction(name: string, action: ServerAction): Promise<ServerInfo>;
  /** Imports the `mcpServers` of a Claude Desktop / Cursor config (JSON text); returns the added names. */
  importServers(configJson: string): Promise<{ added: string[]; skipped: string[] }>;
  /**
   * First run: adds the offline demo server and makes a few calls. Needs the `launcher` of
   * `getStatus` (the demo server is this instance's own command).
   */
  startDemo(): Promise<DemoSummary>;

  getPolicies(): Promise<PolicyRule[]>;
  setPolicies(rules: PolicyRule[]): Promise<PolicyRule[]>;

  listTokens(): Promise<McpTokenInfo[]>;
  createToken(name: string): Promise<CreatedMcpToken>;
  revokeToken(id: string): Promise<void>;

  /** Requests waiting for a person, oldest first (SPEC 10). */
  listApprovals(): Promise<PendingRequest[]>;
  /**
   * Answers a pending request: a decision (`allow_once`, …) for an approval, `{action, content?}`
   * for an elicitation. 404 unknown, 409 already decided, 400 naming the field that does not fit.
   */
  decideApproval(id: string, answer: PendingRequestAnswer): Promise<PendingRequest>;

  getSettings(): Promise<SwitchboardSettings>;
  updateSettings(patch: SettingsPatch): Promise<SwitchboardSettings>;

  /** Committed records (and call starts) as they happen. Returns an unsubscribe function. */
  onDidRecordActivity(listener: (event: ActivityEvent) => void): () => void;
  /** Servers' states changed (connect, crash, config edit). */
  onDidChangeServers(listener: () => void): () => void;
  onDidChangeConnection(listener: (state: ConnectionState) => void): () => void;
  /** approval.requested / approval.resolved as they happen (state: reread the list on reconnect). */
  onDidChangeApprovals(listener: (event: ApprovalEvent) => void): () => void;
  /**
   * The desktop shell asks the UI to show one record (a blocked-call notification was clicked).
   * Absent where nothing outside the page can ask (browser).
   */
  onDidRequestOpenRecord?(listener: (recordId: string) => void): () => void;
  /**
   * The desktop shell asks the UI to bring one pending request into view (an elicitation's
   * notification was clicked). Absent in the browser.
   */
  onDidRequestOpenPendingRequest?(listener: (requestId: string) => void): () => void;
  /** The desktop shell asks the UI to show a changed tool's diff (its notification was clicked). */
  onDidRequestToolDiff?(listener: (target: { server: string; tool: string }) => void): () => void;
  /**
   * The desktop shell asks the UI to open the rule editor prefilled from a record or a held call
   * ("Block this tool" and the like on a notification).
   */
  onDidRequestRuleFromRecord?(listener: (request: RuleFromRecordRequest) => void): () => void;
}
