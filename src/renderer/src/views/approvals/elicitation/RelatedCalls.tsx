/**
 * The calls an elicitation belongs to, as links to their records. A call still running is named
 * by its tool (from the live call starts); one that started before this page loaded by its id.
 */
import { UntrustedText } from '../../../components/UntrustedText';
import { formatHash } from '../../../lib/hashRoute';
import { useConnection } from '../../../state/stores';

export function recordHash(id: string): string {
  return formatHash('activity', new URLSearchParams({ id }));
}

export function RelatedCalls({ recordIds }: { recordIds: readonly string[] }) {
  const running = useConnection((state) => state.running);
  if (recordIds.length === 0) {
    return <p className="approval-meta">Not tied to a call the server named.</p>;
  }
  return (
    <p className="approval-meta">
      {recordIds.length === 1 ? 'During the call ' : 'During the calls '}
      {recordIds.map((id, index) => {
        const record = running.get(id);
        const name = record ? `${record.server_name ?? '?'}__${record.tool_name ?? '?'}` : id;
        return (
          <span key={id}>
            {index > 0 && ', '}
            <a href={recordHash(id)} title={`Record ${id}`}>
              <UntrustedText className="mono" text={name} />
            </a>
          </span>
        );
      })}
    </p>
  );
}
