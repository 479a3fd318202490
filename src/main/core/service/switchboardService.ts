/**
 * The one implementation of SwitchboardService: every result shape the doors return is made
 * here (server info, status, settings, the clear-log record), from the core's parts.
 */
import packageJson from '../../../../package.json';
import type { ActivityRecord } from '../../../shared/activity';
import type { ServerStatus, StatusInfo, SwitchboardSettings } from '../../../shared/servers';
import type { TelemetryStatus } from '../../../shared/telemetry';
import { SwitchboardApiError } from '../../../shared/api';
import type { PendingRequestRegistry } from '../approvals';
import type { ActivityStore, ClearScope, RecordQueue } from '../activity/contracts';
import { Readable } from 'node:stream';
import { exportPageSize } from '../activity/export';
import { exportCheckpoint, type ActivityAudit } from '../audit';
import { newActivityRecord } from '../activity/newActivityRecord';
import type { ActivityReads } from '../activity/readers';
import { maskSecrets } from '../config';
import type { ConfigStore, SwitchboardConfig } from '../config/contracts';
import { validatePolicyRules } from '../policy';
import type { ToolPins } from '../pins/toolPins';
import type { ServerAdmin } from '../servers/contracts';
import { serverInfos, toServerInfo } from '../servers/serverInfo';
import type { TokenStore } from '../tokens/contracts';
import type { UpstreamManager } from '../upstreams/contracts';
import { exposeName } from '../upstreams/toolNames';
import type { ClearOrigin, SwitchboardService } from './contracts';
import { serverNotFound, tokenNotFound } from './serviceErrors';
import { mergeSettingsPatch, parseSettingsPatch } from '../telemetry/settingsPatch';
import type { DemoLauncher } from '../demo/demoApi';

/** Enough for every outcome (successes, a tool error, a blocked call) in a second or two. */
const DEMO_CALLS = 24;

export interface SwitchboardServiceParts {
  dataDir: string;
  config: ConfigStore;
  activity: ActivityStore;
  /** List, detail, summary and export: off the call path when a reader pool answers them. */
  reads: Pick<ActivityReads, 'list' | 'get' | 'summary' | 'exportChunks'>;
  recorder: RecordQueue;
  tokens: TokenStore;
  upstreams: Pick<UpstreamManager, 'state' | 'tools'>;
  servers: ServerAdmin;
  audit: ActivityAudit;
  approvals: PendingRequestRegistry;
  pins: ToolPins;
  /** The bound URLs, known once the listener is up. */
  urls(): { mcp: string; ui: string };
  startedAt: number;
  /** How to run the `switchboard` command, when the process that started the core knows it. */
  launcher?: DemoLauncher;
  /** SPEC 13: the OpenTelemetry exporter's state. */
  telemetryStatus(): TelemetryStatus;
}

export function createSwitchboardService(parts: SwitchboardServiceParts): SwitchboardService {
  const { config, activity, recorder, tokens, upstreams, servers } = parts;

  const listServers = () => serverInfos(config.get(), upstreams);

  const requireServer = (name: string) => {
    const server = config.get().servers.find((candidate) => candidate.name === name);
    if (server === undefined)
      throw serverNotFound(
        name,
        config.get().servers.map((candidate) => candidate.name),
      );
    return toServerInfo(server, upstreams.state(name));
  };

  const service: SwitchboardService = {
    async getStatus() {
      const counts: StatusInfo['servers'] = {
        connecting: 0,
        ready: 0,
        error: 0,
        disabled: 0,
        quarantined: 0,
        total: 0,
      };
      for (const server of listServers()) {
        counts[server.status satisfies ServerStatus] += 1;
        counts.total += 1;
      }
      const stats = activity.stats();
      const urls = parts.urls();
      return {
        version: packageJson.version,
        pid: process.pid,
        uptime_s: Math.round((Date.now() - parts.startedAt) / 1000),
        data_dir: parts.dataDir,
        mcp_url: urls.mcp,
        ui_url: urls.ui,
        servers: counts,
        queue: recorder.stats(),
        database: { path: stats.path, size_bytes: stats.size_bytes, records: stats.records },
        telemetry: parts.telemetryStatus(),
        audit: parts.audit.status(),
        ...(parts.launcher ? { launcher: parts.launcher } : {}),
      };
    },

    async startDemo() {
      const { launcher } = parts;
      if (launcher === undefined) {
        throw new SwitchboardApiError(
          'unavailable',
          'This Switchboard was not started by the switchboard command, so it cannot start the demo server; run `switchboard demo` in a terminal instead.',
        );
      }
      // Loaded on first use: the demo's MCP client is not needed to serve.
      const { runDemo } = await import('../demo/runDemo');
      return runDemo({
        api: service,
        mcpUrl: parts.urls().mcp,
        calls: DEMO_CALLS,
        launcher,
        version: packageJson.version,
      });
    },

    listActivity: (query) => parts.reads.list(query),
    getActivity: (id) => parts.reads.get(id),
    getSummary: (period, filter) => parts.reads.summary(period, filter),
    async clearActivity(scope, origin) {
      // Records still queued belong to the log being cleared: commit them first.
      await recorder.flush();
      // SPEC 12: a prefix in seq order, after a signed checkpoint naming the first record kept
      // and the record of this clear.
      const firstKept = activity.clearBoundary(scope);
      const deleted = activity.countBelow(firstKept);
      const record = clearLogRecord(scope, deleted, origin);
      if (deleted > 0) {
        await parts.audit.checkpoint({
          first_kept_seq: firstKept,
          reason: 'clear_log',
          clear_record_id: record.id,
        });
        activity.deleteBelow(firstKept);
      }
      recorder.enqueue(record);
      await recorder.flush();
      return { deleted };
    },
    verifyActivity: () => parts.audit.verify(),

    exportActivity: (request, onRows) =>
      // SPEC 12: an unfiltered JSON Lines export with bodies first forces a checkpoint.
      Readable.from(
        (async function* () {
          const { maxSeq, trailer } = await exportCheckpoint(parts.audit, {
            format: request.format,
            includeBodies: request.include_bodies,
            filter: request.filter,
          });
          let rows = 0;
          // Readable.from asks for the next chunk only when its consumer reads: back-pressure
          // reaches the reader, which reads nothing meanwhile.
          for await (const chunk of parts.reads.exportChunks(
            {
              filter: request.filter,
              format: request.format,
              include_bodies: request.include_bodies,
              ...(maxSeq !== undefined ? { maxSeq } : {}),
            },
            exportPageSize(request.include_bodies),
          )) {
            rows += chunk.rows;
            onRows?.(rows);
            yield chunk.data;
          }
          if (trailer !== undefined) yield trailer;
          onRows?.(rows);
        })(),
        { objectMode: false },
      ),

    listServers: async () => listServers(),
    getServer: async (name) => requireServer(name),
    async getServerTools(name) {
      requireServer(name);
      return upstreams.tools(name);
    },
    async approveTool(name, tool) {
      requireServer(name);
      const pin = parts.pins.approve(name, tool);
      const listed = upstreams.tools(name).find((candidate) => candidate.name === tool);
      if (listed) return listed;
      // A server that is down: the pin is all there is.
      const definition = parts.pins.pinnedDefinition(name, tool);
      return {
        name: tool,
        exposed_name: exposeName(name, tool),
        description: definition?.description ?? null,
        input_schema: definition?.inputSchema ?? {},
        ...pin,
      };
    },
    addServer: (name, entry) => servers.add(name, entry),
    async updateServer(name, patch) {
      requireServer(name);
      return servers.update(name, patch);
    },
    async removeServer(name) {
      requireServer(name);
      await servers.remove(name);
    },
    async serverAction(name, action) {
      requireServer(name);
      return servers.act(name, action);
    },
    importServers: (configJson) => servers.importConfig(configJson),

    getPolicies: async () => config.get().policies,
    async setPolicies(rules) {
      // Validated alone first, so an error names the rule (`policies[2].effect`), not the file.
      validatePolicyRules(rules);
      return (await config.update((raw) => ({ ...raw, policies: rules }))).policies;
    },

    listTokens: async () => tokens.list(),
    createToken: async (name) => tokens.create(name),
    async revokeToken(id) {
      if (!tokens.revoke(id)) throw tokenNotFound(id);
    },
    async tokenAudit(tokenId, limit) {
      if (!tokens.list().some((token) => token.id === tokenId)) throw tokenNotFound(tokenId);
      return activity.audit({ tokenId, limit });
    },
    allAudit: async (limit) => activity.audit({ limit }),

    listApprovals: async () => parts.approvals.pending(),
    async getApproval(id) {
      const request = parts.approvals.get(id);
      if (request === undefined) {
        throw new SwitchboardApiError(
          'not_found',
          `no approval "${id}": it never existed, or it was decided more than 10 minutes ago`,
        );
      }
      return request;
    },
    decideApproval: async (id, answer, by) => parts.approvals.answer(id, answer, by),
    getSettings: async () => pickSettings(config.get()),
    async updateSettings(patch) {
      // Only the activity_* keys, redact_keys, tool_pinning, elicitation and telemetry: never api_key, listen or servers.
      const parsed = parseSettingsPatch(patch);
      return pickSettings(await config.update((raw) => mergeSettingsPatch(raw, parsed)));
    },
  };
  return service;
}

/**
 * The four record types are fixed (SPEC 5), so a clear is recorded as a `server_change` with no
 * server and `metadata.action` `clear_log` (docs/DECISIONS.md).
 */
function clearLogRecord(scope: ClearScope, deleted: number, origin: ClearOrigin): ActivityRecord {
  const what =
    'all' in scope ? 'Activity log cleared' : `Activity log cleared before ${scope.before}`;
  const where = origin.via === 'rest' ? 'REST' : 'the desktop app';
  return newActivityRecord({
    type: 'server_change',
    reason: `${what} (${deleted} records) via ${where}`,
    metadata: {
      action: 'clear_log',
      ...scope,
      deleted,
      via: origin.via,
      ...(origin.user_agent === undefined ? {} : { user_agent: origin.user_agent.slice(0, 200) }),
    },
  });
}

function pickSettings(config: SwitchboardConfig): SwitchboardSettings {
  return {
    activity_retention_days: config.activity_retention_days,
    activity_max_records: config.activity_max_records,
    activity_max_size_mb: config.activity_max_size_mb,
    activity_max_response_size: config.activity_max_response_size,
    activity_cleanup_interval_min: config.activity_cleanup_interval_min,
    redact_keys: config.redact_keys,
    approval_timeout_s: config.approval_timeout_s,
    telemetry: { ...config.telemetry, headers: maskSecrets(config.telemetry.headers) },
    tool_pinning: config.tool_pinning,
    elicitation: config.elicitation,
  };
}
