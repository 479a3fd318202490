import type {
  CreatedMcpToken,
  McpTokenInfo,
  PolicyRule,
  ServerInfo,
  StatusInfo,
} from '../../../shared/servers';
import { describeTelemetryStatus } from '../../../shared/telemetry';
import { renderKeyValue, renderTable } from './output';
import { formatBytes } from '../../../shared/format';
import { formatRelativeTime, formatUptime } from './relativeTime';

export function renderStatus(status: StatusInfo): string {
  const states = (['ready', 'connecting', 'error', 'disabled', 'quarantined'] as const)
    .filter((state) => status.servers[state] > 0)
    .map((state) => `${status.servers[state]} ${state}`);
  return renderKeyValue([
    ['Switchboard', `${status.version} (pid ${status.pid}, up ${formatUptime(status.uptime_s)})`],
    ['MCP', status.mcp_url],
    ['UI', status.ui_url],
    ['Data dir', status.data_dir],
    [
      'Servers',
      `${status.servers.total} total${states.length > 0 ? `: ${states.join(', ')}` : ''}`,
    ],
    ['Queue', `${status.queue.records} records (${formatBytes(status.queue.bytes)})`],
    [
      'Database',
      `${status.database.records} records, ${formatBytes(status.database.size_bytes)} (${status.database.path})`,
    ],
    ['Telemetry', describeTelemetryStatus(status.telemetry)],
    ['Audit key', status.audit.key_fingerprint ?? 'none'],
    [
      'Checkpoint',
      status.audit.latest_checkpoint === null
        ? 'none yet'
        : `seq ${status.audit.latest_checkpoint.seq} at ${status.audit.latest_checkpoint.created_at} (${status.audit.latest_checkpoint.hash})`,
    ],
  ]);
}

export function serverTarget(server: ServerInfo): string {
  if (server.transport === 'stdio')
    return [server.command ?? '', ...(server.args ?? [])].join(' ').trim();
  return server.url ?? '';
}

export function renderServers(servers: ServerInfo[]): string {
  if (servers.length === 0)
    return 'No servers yet. Add one with: switchboard servers add NAME -- COMMAND ARGS...  (or: switchboard servers import FILE)';
  return renderTable(
    ['NAME', 'TRANSPORT', 'TARGET', 'STATUS', 'TOOLS', 'ERROR'],
    servers.map((s) => [s.name, s.transport, serverTarget(s), s.status, s.tools_count, s.error]),
  );
}

export function renderServer(server: ServerInfo): string {
  const rows: [string, string | number | boolean | null][] = [
    ['Name', server.name],
    ['Transport', server.transport],
    ['Target', serverTarget(server)],
    ['Status', server.status],
    ['Enabled', server.enabled ? 'yes' : 'no'],
    ['Quarantined', server.quarantined ? 'yes' : 'no'],
    ['Tools', server.tools_count],
    ['Timeout', `${server.timeout_ms} ms`],
  ];
  if (server.cwd !== undefined) rows.push(['Working dir', server.cwd]);
  const secrets = server.env ?? server.headers ?? {};
  if (Object.keys(secrets).length > 0) {
    rows.push([
      server.env ? 'Env' : 'Headers',
      Object.entries(secrets)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    ]);
  }
  if (server.error !== null) rows.push(['Error', server.error]);
  return renderKeyValue(rows);
}

export function renderTokens(tokens: McpTokenInfo[], now: Date = new Date()): string {
  if (tokens.length === 0) return 'No tokens yet. Create one with: switchboard tokens create NAME';
  return renderTable(
    ['ID', 'NAME', 'CREATED', 'LAST USED', 'STATE'],
    tokens.map((t) => [
      t.id,
      t.name,
      formatRelativeTime(t.created_at, now),
      formatRelativeTime(t.last_used_at, now),
      t.revoked ? 'revoked' : 'active',
    ]),
  );
}

export function renderCreatedToken(token: CreatedMcpToken): string {
  return `${renderKeyValue([
    ['ID', token.id],
    ['Name', token.name],
    ['Token', token.token],
  ])}\nCopy the token now: it is not shown again. Agents send it as "Authorization: Bearer <token>".`;
}

export function renderPolicies(rules: PolicyRule[]): string {
  if (rules.length === 0)
    return 'No policy rules: every call is allowed. Set some with: switchboard policies set FILE';
  return renderTable(
    ['#', 'ID', 'EFFECT', 'SERVER', 'TOOL', 'ARGUMENTS', 'REASON'],
    rules.map((rule, index) => [
      index + 1,
      rule.id,
      rule.effect,
      rule.server ?? '*',
      rule.tool ?? '*',
      Object.entries(rule.arguments ?? {})
        .map(([path, matcher]) => `${path} ~ ${matcher}`)
        .join('\n'),
      rule.reason,
    ]),
  );
}
