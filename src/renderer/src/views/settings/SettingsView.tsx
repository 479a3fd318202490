/** Settings: retention and redaction, the instance's status, telemetry, and clearing the log. */
import { useEffect, useState } from 'react';
import type { ActivitySettings } from '../../../../shared/servers';
import { useAction } from '../../hooks/useAction';
import { formatBytes } from '../../../../shared/format';
import { formatCountOf } from '../../lib/format';
import { useSettings, useStores } from '../../state/stores';
import { ClearLogCard } from './ClearLogCard';
import { TelemetryCard } from './TelemetryCard';
import { LogIntegrityCard } from './LogIntegrityCard';
import { ToolPinningCard } from './ToolPinningCard';
import { ElicitationCard } from './ElicitationCard';

type NumericKey = Exclude<keyof ActivitySettings, 'redact_keys' | 'tool_pinning' | 'elicitation'>;

const NUMERIC_FIELDS: { key: NumericKey; label: string; hint: string; min: number }[] = [
  {
    key: 'activity_retention_days',
    label: 'Keep records for (days)',
    hint: 'Older records are deleted',
    min: 1,
  },
  {
    key: 'activity_max_records',
    label: 'Keep at most (records)',
    hint: 'The oldest go first',
    min: 1,
  },
  {
    key: 'activity_max_size_mb',
    label: 'Database size limit (MB)',
    hint: 'Oldest records go to stay under it',
    min: 1,
  },
  {
    key: 'activity_max_response_size',
    label: 'Response kept per call (bytes)',
    hint: 'Longer responses are cut',
    min: 0,
  },
  {
    key: 'activity_cleanup_interval_min',
    label: 'Retention runs every (minutes)',
    hint: 'Also at start',
    min: 1,
  },
  {
    key: 'approval_timeout_s',
    label: 'Wait for an approval (seconds)',
    hint: '5 to 3600; no decision denies the call',
    min: 5,
  },
];

export function SettingsView() {
  const { settings: store } = useStores();
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const status = useSettings((state) => state.status);
  const error = useSettings((state) => state.error);
  const { busy, run } = useAction();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  useEffect(() => {
    if (!settings) return;
    const next: Record<string, string> = { redact_keys: settings.redact_keys.join(', ') };
    for (const field of NUMERIC_FIELDS) next[field.key] = String(settings[field.key]);
    setDraft(next);
  }, [settings]);

  const save = (): void => {
    const patch: Partial<ActivitySettings> = {};
    for (const field of NUMERIC_FIELDS) {
      const raw = (draft[field.key] ?? '').trim();
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < field.min) {
        setProblem(`${field.label}: enter a whole number of at least ${field.min}.`);
        return;
      }
      patch[field.key] = value;
    }
    patch.redact_keys = (draft.redact_keys ?? '')
      .split(/[,\n]/)
      .map((key) => key.trim())
      .filter(Boolean);
    setProblem(null);
    void run(() => store.getState().save(patch), 'Settings saved', 'Saving settings failed');
  };

  return (
    <div className="settings-view">
      <header className="view-header">
        <h1>Settings</h1>
      </header>
      <div className="view-body stack">
        {status === 'error' && <p className="error-text">Could not load settings: {error}</p>}
        {settings && (
          <form
            className="card stack"
            aria-label="Retention"
            onSubmit={(event) => {
              event.preventDefault();
              save();
            }}
          >
            <h2>Activity log</h2>
            <div className="form-grid">
              {NUMERIC_FIELDS.map((field) => (
                <label key={field.key} className="field">
                  {field.label}
                  <input
                    inputMode="numeric"
                    value={draft[field.key] ?? ''}
                    onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
                  />
                  <span className="muted">{field.hint}</span>
                </label>
              ))}
              <label className="field wide">
                Redacted keys (comma separated; matched case-insensitively at any depth)
                <textarea
                  rows={2}
                  value={draft.redact_keys ?? ''}
                  onChange={(event) => setDraft({ ...draft, redact_keys: event.target.value })}
                />
              </label>
            </div>
            {problem && (
              <p className="error-text" role="alert">
                {problem}
              </p>
            )}
            <div className="row end">
              <button type="submit" className="primary" disabled={busy}>
                Save settings
              </button>
            </div>
          </form>
        )}
        {settings && <ToolPinningCard mode={settings.tool_pinning} />}
        {settings && <ElicitationCard mode={settings.elicitation} />}
        {info && (
          <section className="card stack">
            <h2>This instance</h2>
            <dl className="fields">
              <dt>Version</dt>
              <dd>{info.version}</dd>
              <dt>MCP endpoint</dt>
              <dd className="mono">{info.mcp_url}</dd>
              <dt>Data directory</dt>
              <dd className="mono">{info.data_dir}</dd>
              <dt>Database</dt>
              <dd>
                {formatCountOf(info.database.records, 'record')} ·{' '}
                {formatBytes(info.database.size_bytes)}
              </dd>
              <dt>Write queue</dt>
              <dd>
                {formatCountOf(info.queue.records, 'record')} · {formatBytes(info.queue.bytes)}
              </dd>
              <dt>Servers</dt>
              <dd>
                {info.servers.total} total · {info.servers.ready} ready · {info.servers.error}{' '}
                failing
              </dd>
            </dl>
          </section>
        )}
        <TelemetryCard />
        <LogIntegrityCard />
        <ClearLogCard />
      </div>
    </div>
  );
}
