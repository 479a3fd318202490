/**
 * The composition root: `createSwitchboard()` wires config, database, recorder, upstreams,
 * gateway and HTTP, and is what both the CLI (`serve`) and the desktop shell call.
 * The REST API and the IPC handlers both answer from its `service`.
 */
import type { ActivityStore, RecordQueue } from './activity/contracts';
import type { PendingRequestRegistry } from './approvals';
import type { ConfigStore } from './config/contracts';
import type { ActivityAudit } from './audit';
import type { ActivityEventBus } from './events';
import type { ToolPins } from './pins/toolPins';
import type { ServerAdmin } from './servers/contracts';
import type { SwitchboardService } from './service/contracts';
import type { TokenStore } from './tokens/contracts';
import type { UpstreamManager } from './upstreams/contracts';

export interface Switchboard {
  readonly dataDir: string;
  readonly config: ConfigStore;
  readonly activity: ActivityStore;
  readonly recorder: RecordQueue;
  readonly events: ActivityEventBus;
  readonly tokens: TokenStore;
  readonly upstreams: UpstreamManager;
  readonly servers: ServerAdmin;
  /** SPEC 12: the log's hash chain, signed checkpoints and verification. */
  readonly audit: ActivityAudit;
  /** Requests waiting for a person: held calls (SPEC 10). */
  readonly approvals: PendingRequestRegistry;
  /** Tool pins (SPEC 11): the tray's attention state reads what is blocked. */
  readonly pins: ToolPins;
  /** Every operation the doors offer (REST, IPC, CLI, UI), answered in one place. */
  readonly service: SwitchboardService;
  /** Bound URLs, known once listening. */
  readonly urls: { mcp: string; ui: string; base: string };
  close(): Promise<void>;
}
