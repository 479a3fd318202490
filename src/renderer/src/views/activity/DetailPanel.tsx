/** Everything about one record: fields, formatted bodies with copy buttons, policy, links. */
import { useEffect, useState } from 'react';
import type { ActivityFilter, ActivityRecord } from '../../../../shared/activity';
import { CopyButton } from '../../components/CopyButton';
import { JsonView } from '../../components/JsonView';
import { Searchable } from '../../components/SearchHits';
import { StatusBadge } from '../../components/StatusBadge';
import { UntrustedText } from '../../components/UntrustedText';
import { formatBytes } from '../../../../shared/format';
import { formatDuration } from '../../lib/format';
import { formatHash } from '../../lib/hashRoute';
import { absoluteTime } from '../../lib/relativeTime';
import { errorMessage } from '../../state/asyncState';
import { useStores } from '../../state/stores';
import { useTimeZone } from '../../state/timeZoneStore';
import { TYPE_LABELS } from './activityLabels';
import { ResponseBody } from './ResponseBody';
import { RuleFromRecord } from './RuleFromRecord';

interface Props {
  id: string;
  onClose: () => void;
  onFilter: (filter: ActivityFilter) => void;
}

type Loaded = { id: string; record: ActivityRecord | null; error: string | null };

export function DetailPanel({ id, onClose, onFilter }: Props) {
  const { api } = useStores();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let current = true;
    api
      .getActivity(id)
      .then((record) => current && setLoaded({ id, record, error: null }))
      .catch(
        (error: unknown) => current && setLoaded({ id, record: null, error: errorMessage(error) }),
      );
    return () => {
      current = false;
    };
  }, [api, id]);

  const ready = loaded?.id === id ? loaded : null;
  const record = ready?.record ?? null;

  return (
    <aside className="detail" aria-label="Record detail" data-record-id={id}>
      <div className="detail-head">
        <h2 className="mono">
          {record ? (
            <Searchable>
              <UntrustedText text={record.tool_name ?? TYPE_LABELS[record.type]} />
            </Searchable>
          ) : (
            'Record'
          )}
        </h2>
        {record && <StatusBadge status={record.status} />}
        <span className="spacer" />
        <button type="button" className="ghost small" onClick={onClose} title="Close (Esc)">
          ✕
        </button>
      </div>
      {!ready && <p className="muted detail-pad">Loading…</p>}
      {ready?.error && (
        <p className="error-text detail-pad">Could not load this record: {ready.error}</p>
      )}
      {ready && !ready.error && !record && (
        <p className="muted detail-pad">
          This record no longer exists (retention or a clear removed it).
        </p>
      )}
      {record && <RecordBody record={record} onFilter={onFilter} />}
    </aside>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === null || children === undefined || children === false ? '–' : children}</dd>
    </>
  );
}

/** The rule that decided a call, opened in the Policies view. */
function RuleLink({ id }: { id: string }) {
  return <a href={formatHash('policies', new URLSearchParams({ rule: id }))}>{id}</a>;
}

function RecordBody({
  record,
  onFilter,
}: {
  record: ActivityRecord;
  onFilter: (filter: ActivityFilter) => void;
}) {
  const hasMetadata = Object.keys(record.metadata).length > 0;
  const zone = useTimeZone((state) => state.zone);
  return (
    <div className="detail-body">
      {record.status === 'blocked' && (
        <div className="callout warn" data-testid="block-reason">
          <strong>
            Blocked by policy “{record.policy_id ? <RuleLink id={record.policy_id} /> : 'unknown'}”
          </strong>
          <div>
            <Searchable>
              <UntrustedText text={record.reason ?? 'No reason given.'} />
            </Searchable>
          </div>
        </div>
      )}
      {record.status === 'error' && record.error_message && (
        <div className="callout err">
          <strong>{record.error_kind ? record.error_kind.replace('_', ' ') : 'Error'}</strong>
          <div className="mono">
            <Searchable>
              <UntrustedText text={record.error_message} multiline />
            </Searchable>
          </div>
        </div>
      )}
      <RuleFromRecord record={record} />
      <dl className="fields">
        <Field label="Time">{absoluteTime(record.timestamp, zone)}</Field>
        <Field label="Type">{TYPE_LABELS[record.type]}</Field>
        <Field label="Server">
          {record.server_name !== null && <UntrustedText text={record.server_name} />}
        </Field>
        <Field label="Tool">
          {record.tool_name !== null && <UntrustedText className="mono" text={record.tool_name} />}
        </Field>
        <Field label="Duration">{formatDuration(record.duration_ms)}</Field>
        <Field label="Token">
          {record.token_name !== null && <UntrustedText text={record.token_name} />}
        </Field>
        <Field label="Client">
          {record.client_name !== null && (
            <UntrustedText
              text={`${record.client_name}${record.client_version ? ` ${record.client_version}` : ''}`}
            />
          )}
        </Field>
        <Field label="Session">
          {record.session_id !== null && (
            <UntrustedText className="mono" text={record.session_id} />
          )}
        </Field>
        <Field label="Bytes">
          {formatBytes(record.request_bytes)} in · {formatBytes(record.response_bytes)} out
          {record.response_truncated && <span className="pill warn">truncated</span>}
        </Field>
        {record.policy_id && (
          <Field label="Policy rule">
            <RuleLink id={record.policy_id} />
          </Field>
        )}
        {record.reason && record.status !== 'blocked' && (
          <Field label="Reason">
            <UntrustedText text={record.reason} />
          </Field>
        )}
        <Field label="Record id">
          <span className="mono">{record.id}</span>
        </Field>
      </dl>
      <div className="detail-links">
        {record.session_id && (
          <button
            type="button"
            className="small"
            onClick={() => onFilter({ session_id: record.session_id ?? undefined })}
          >
            All calls of this session
          </button>
        )}
        {record.tool_name && (
          <button
            type="button"
            className="small"
            onClick={() =>
              onFilter({
                server: record.server_name ?? undefined,
                tool: record.tool_name ?? undefined,
              })
            }
          >
            All calls of this tool
          </button>
        )}
        {(record.token_id ?? record.token_name) && (
          <button
            type="button"
            className="small"
            onClick={() => onFilter({ token: record.token_id ?? record.token_name ?? undefined })}
          >
            All calls of this token
          </button>
        )}
      </div>
      <Section
        title="Arguments"
        copy={record.arguments ? JSON.stringify(record.arguments, null, 2) : null}
      >
        {record.arguments ? (
          <Searchable>
            <JsonView value={record.arguments} />
          </Searchable>
        ) : (
          <p className="muted">No arguments.</p>
        )}
      </Section>
      <Section title="Response" copy={record.response}>
        {record.response === null ? (
          <p className="muted">No response recorded.</p>
        ) : (
          <Searchable>
            <ResponseBody recordId={record.id} response={record.response} />
          </Searchable>
        )}
      </Section>
      {hasMetadata && (
        <Section title="Metadata" copy={JSON.stringify(record.metadata, null, 2)}>
          <JsonView value={record.metadata} />
        </Section>
      )}
    </div>
  );
}

function Section({
  title,
  copy,
  children,
}: {
  title: string;
  copy: string | null;
  children: React.ReactNode;
}) {
  return (
    <section className="detail-section" aria-label={title}>
      <div className="detail-section-head">
        <h3>{title}</h3>
        {copy && <CopyButton text={copy} />}
      </div>
      {children}
    </section>
  );
}
