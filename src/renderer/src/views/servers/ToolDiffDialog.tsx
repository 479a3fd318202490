/**
 * SPEC 11: a changed tool's pinned (approved) and current definitions side by side, the
 * description diffed word by word and the schemas structurally, with Approve.
 */
import { useEffect, useMemo } from 'react';
import type { ToolInfo } from '../../../../shared/servers';
import type { ToolDefinition } from '../../../../shared/toolPins';
import { useAction } from '../../hooks/useAction';
import { descriptionDiff, type DiffSegment } from '../../lib/descriptionDiff';
import { schemaDiff } from '../../lib/schemaDiff';
import { visibleText } from '../../lib/visibleText';
import { useServers, useStores } from '../../state/stores';
import './toolDiff.css';

export function ToolDiffDialog({
  server,
  tool,
  onClose,
}: {
  server: string;
  tool: string;
  onClose: () => void;
}) {
  const { servers } = useStores();
  const tools = useServers((state) => state.tools[server]);
  const info = Array.isArray(tools)
    ? tools.find((candidate) => candidate.name === tool)
    : undefined;
  const { busy, run } = useAction();

  useEffect(() => {
    void servers.getState().loadTools(server);
  }, [servers, server]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const approve = (): void =>
    void run(
      () => servers.getState().approveTool(server, tool),
      `${server}__${tool} approved`,
      'Approve failed',
    ).then((done) => done && onClose());

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal tool-diff"
        role="dialog"
        aria-modal="true"
        aria-label={`Changes to ${server}__${tool}`}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="row">
          <h2>
            Tool changed: <bdi className="mono">{`${server}__${tool}`}</bdi>
          </h2>
          <span className="spacer" />
          <button type="button" className="ghost small" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <DiffBody info={info} loading={tools === undefined} />
        <footer className="row end">
          <button type="button" onClick={onClose}>
            Later
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || info?.pin_status !== 'changed'}
            onClick={approve}
          >
            Approve
          </button>
        </footer>
      </div>
    </div>
  );
}

function DiffBody({ info, loading }: { info: ToolInfo | undefined; loading: boolean }) {
  if (loading) return <p className="muted">Loading…</p>;
  if (!info) return <p className="error-text">This tool is not listed any more.</p>;
  if (info.pin_status !== 'changed' || !info.pinned || !info.current) {
    return <p className="muted">Nothing to review: this tool matches its approved definition.</p>;
  }
  return (
    <>
      <p className="muted">
        The server now lists a different definition. Until you approve it, agents see the approved
        one and calls to this tool are blocked (tool_pinning &ldquo;block&rdquo;).
      </p>
      <div className="diff-columns">
        <h3>Approved · {new Date(info.pinned.at).toLocaleString()}</h3>
        <h3>Listed now · {new Date(info.current.at).toLocaleString()}</h3>
      </div>
      <DescriptionDiff pinned={info.pinned.definition} current={info.current.definition} />
      <SchemaDiff pinned={info.pinned.definition} current={info.current.definition} />
    </>
  );
}

function DescriptionDiff({ pinned, current }: { pinned: ToolDefinition; current: ToolDefinition }) {
  const sides = useMemo(
    () => descriptionDiff(pinned.description ?? '', current.description ?? ''),
    [pinned, current],
  );
  return (
    <section aria-label="Description">
      <h4>Description</h4>
      <div className="diff-columns">
        <Segments segments={sides.pinned} testId="description-pinned" />
        <Segments segments={sides.current} testId="description-current" />
      </div>
    </section>
  );
}

function Segments({ segments, testId }: { segments: DiffSegment[]; testId: string }) {
  return (
    <p className="diff-text" data-testid={testId}>
      {segments.map((segment, index) =>
        segment.kind === 'same' ? (
          <span key={index}>{visibleText(segment.text, true)}</span>
        ) : segment.kind === 'added' ? (
          <ins key={index}>{visibleText(segment.text, true)}</ins>
        ) : (
          <del key={index}>{visibleText(segment.text, true)}</del>
        ),
      )}
    </p>
  );
}

function SchemaValue({ text, className }: { text: string | undefined; className: string }) {
  if (text === undefined) return <p className="muted small-text">(absent)</p>;
  return <pre className={className}>{visibleText(text, true)}</pre>;
}

/** Everything pinned but the name and description, compared by structure. */
function schemaPart(definition: ToolDefinition): Record<string, unknown> {
  const { name: _name, description: _description, ...rest } = definition;
  return rest;
}

function SchemaDiff({ pinned, current }: { pinned: ToolDefinition; current: ToolDefinition }) {
  const rows = useMemo(
    () => schemaDiff(schemaPart(pinned), schemaPart(current)),
    [pinned, current],
  );
  const changed = rows.filter((row) => row.change !== 'same');
  const unchanged = rows.length - changed.length;
  return (
    <section aria-label="Schema">
      <h4>Schema</h4>
      {changed.length === 0 ? (
        <p className="muted">The schemas, title and annotations are unchanged.</p>
      ) : (
        <div className="schema-diff" data-testid="schema-diff">
          {changed.map((row) => (
            <div key={row.path} className="schema-row" data-change={row.change}>
              <div className="mono">
                <bdi>{visibleText(row.path)}</bdi>
                <span className={`pill ${row.change === 'removed' ? 'err' : 'warn'}`}>
                  {row.change}
                </span>
              </div>
              <div className="diff-columns">
                <SchemaValue text={row.pinned} className="diff-old" />
                <SchemaValue text={row.current} className="diff-new" />
              </div>
            </div>
          ))}
        </div>
      )}
      {unchanged > 0 && changed.length > 0 && (
        <p className="muted small-text">
          {unchanged} unchanged {unchanged === 1 ? 'key' : 'keys'} not shown.
        </p>
      )}
    </section>
  );
}
