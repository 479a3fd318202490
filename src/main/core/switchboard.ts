/**
 * The composition root: `createSwitchboard()` wires config, database, recorder, upstreams,
 * gateway and HTTP, and is what both the CLI (`serve`) and the desktop shell call.
 * The REST API and the IPC handlers both serve requests from this one object.
 */
import type { ActivitySettings, PolicyRule, StatusInfo } from '../../shared/servers';
import type { ActivityStore, ClearScope, RecordQueue } from './activity/contracts';
import type { ExportLineSource } from './activity/exportLines';
import type { PendingRequestRegistry } from './approvals';
import type { ConfigStore } from './config/contracts';
import type { ActivityEventBus } from './events';
import type { ServerAdmin } from './servers/contracts';
import type { TokenStore } from './tokens/contracts';
import type { UpstreamManager } from './upstreams/contracts';

/** Where a clear came from, for the record it leaves. */
export interface ClearOrigin {
  via: 'rest' | 'desktop';
  user_agent?: string;
}

export interface Switchboard {
  readonly dataDir: string;
  readonly config: ConfigStore;
  readonly activity: ActivityStore;
  /** Export rows read straight from activity.db, each export on its own read-only connection. */
  readonly exportSource: ExportLineSource;
  readonly recorder: RecordQueue;
  readonly events: ActivityEventBus;
  readonly tokens: TokenStore;
  readonly upstreams: UpstreamManager;
  readonly servers: ServerAdmin;
  /** Requests waiting for a person: held calls (SPEC 10). */
  readonly approvals: PendingRequestRegistry;
  /**
   * Clears the log (SPEC 5) and records who cleared what. Records still queued belong to the log
   * being cleared, so they are committed first: `all` really means all.
   */
  clearActivity(scope: ClearScope, origin: ClearOrigin): Promise<{ deleted: number }>;
  getPolicies(): PolicyRule[];
  /** Validates and writes; throws ConfigError naming the rule and key on an invalid list. */
  setPolicies(rules: unknown): Promise<PolicyRule[]>;
  getSettings(): ActivitySettings;
  updateSettings(patch: unknown): Promise<ActivitySettings>;
  status(): StatusInfo;
  /** Bound URLs, known once listening. */
  readonly urls: { mcp: string; ui: string; base: string };
  close(): Promise<void>;
}
