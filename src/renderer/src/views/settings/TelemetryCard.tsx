/**
 * SPEC 13 in Settings: where spans go (endpoint, service name, whether arguments and results are
 * included) and how the exporter is doing. Headers are secrets: shown masked, edited in the file.
 */
import { useEffect, useState } from 'react';
import type { TelemetryStatus } from '../../../../shared/telemetry';
import { useAction } from '../../hooks/useAction';
import { formatCount } from '../../lib/format';
import { useSettings, useStores } from '../../state/stores';

export function TelemetryCard() {
  const { settings: store } = useStores();
  const telemetry = useSettings((state) => state.settings?.telemetry ?? null);
  const exporter = useSettings((state) => state.info?.telemetry ?? null);
  const { busy, run } = useAction();
  const [endpoint, setEndpoint] = useState('');
  const [serviceName, setServiceName] = useState('');
  const [includeArguments, setIncludeArguments] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!telemetry) return;
    setEndpoint(telemetry.otlp_endpoint ?? '');
    setServiceName(telemetry.service_name);
    setIncludeArguments(telemetry.include_arguments);
  }, [telemetry]);

  if (!telemetry) return null;

  const save = (): void => {
    const address = endpoint.trim();
    if (address !== '' && !/^https?:\/\/\S+$/.test(address)) {
      setProblem('Collector address: enter an http:// or https:// address, or leave it empty.');
      return;
    }
    if (serviceName.trim() === '') {
      setProblem('Service name: enter a name (switchboard by default).');
      return;
    }
    setProblem(null);
    void run(
      () =>
        store.getState().save({
          telemetry: {
            otlp_endpoint: address === '' ? null : address,
            service_name: serviceName.trim(),
            include_arguments: includeArguments,
          },
        }),
      'Telemetry settings saved',
      'Saving telemetry settings failed',
    );
  };

  const headerNames = Object.entries(telemetry.headers);
  return (
    <form
      className="card stack"
      aria-label="Telemetry"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2>OpenTelemetry</h2>
      <p className="muted">
        Sends a span per tool call and duration metrics to an OpenTelemetry collector (OTLP over
        HTTP). Off while no address is set here or in OTEL_EXPORTER_OTLP_ENDPOINT.
      </p>
      <div className="form-grid">
        <label className="field wide">
          Collector address
          <input
            className="mono"
            placeholder="http://127.0.0.1:4318"
            value={endpoint}
            onChange={(event) => setEndpoint(event.target.value)}
          />
          <span className="muted">/v1/traces and /v1/metrics are appended</span>
        </label>
        <label className="field">
          Service name
          <input value={serviceName} onChange={(event) => setServiceName(event.target.value)} />
        </label>
        <label className="field">
          <span>
            <input
              type="checkbox"
              checked={includeArguments}
              onChange={(event) => setIncludeArguments(event.target.checked)}
            />{' '}
            Include arguments and results (redacted)
          </span>
          <span className="muted">They leave this machine when on</span>
        </label>
      </div>
      {headerNames.length > 0 && (
        <p className="muted">
          Headers (edit in mcp_config.json):{' '}
          {headerNames.map(([name, value]) => (
            <span key={name} className="mono">
              <bdi>{name}</bdi>: {value}{' '}
            </span>
          ))}
        </p>
      )}
      {exporter && <ExporterState status={exporter} />}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="row end">
        <button type="submit" className="primary" disabled={busy}>
          Save telemetry
        </button>
      </div>
    </form>
  );
}

function ExporterState({ status }: { status: TelemetryStatus }) {
  if (!status.enabled) return <p data-testid="telemetry-state">Exporter: off</p>;
  return (
    <dl className="fields" data-testid="telemetry-state">
      <dt>Exporting to</dt>
      <dd className="mono">
        {status.endpoint}
        {status.endpoint_source === 'environment' ? ' (from OTEL_EXPORTER_OTLP_ENDPOINT)' : ''}
      </dd>
      <dt>Spans</dt>
      <dd>
        {formatCount(status.exported_spans)} exported · {formatCount(status.queued_spans)} queued ·{' '}
        {formatCount(status.dropped_spans)} dropped
      </dd>
      <dt>Last success</dt>
      <dd>{status.last_success_at ?? 'never'}</dd>
      {status.last_error && (
        <>
          <dt>Last error</dt>
          <dd className="error-text">
            {status.last_error.at}: <bdi>{status.last_error.message}</bdi>
          </dd>
        </>
      )}
    </dl>
  );
}
