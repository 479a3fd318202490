/** Import the `mcpServers` of a Claude Desktop / Cursor / VS Code config, pasted or picked. */
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { importPayload, parseServerImport } from '../../lib/serverImport';
import { ImportNameFixes } from './ImportNameFixes';
import { useStores } from '../../state/stores';

export function ImportServersForm({ onDone }: { onDone: () => void }) {
  const { servers, notices } = useStores();
  const { busy, run } = useAction();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  /** Per pasted name: the name to import under, or null to skip it. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string | null>>(new Map());
  const parsed = text.trim() ? parseServerImport(text) : null;

  const submit = async (): Promise<void> => {
    if (!parsed || !parsed.ok) {
      setProblem(parsed && !parsed.ok ? parsed.error : 'Paste a config or choose a file first.');
      return;
    }
    const payload = importPayload(parsed.servers, chosen);
    if (!payload.ok) {
      setProblem(payload.error);
      return;
    }
    setProblem(null);
    await run(
      async () => {
        const result = await servers.getState().importConfig(payload.json);
        const skipped =
          result.skipped.length > 0
            ? `; skipped ${result.skipped.join(', ')} (already configured)`
            : '';
        notices
          .getState()
          .push(
            'info',
            `Imported ${result.added.length > 0 ? result.added.join(', ') : 'nothing'}${skipped}`,
          );
        onDone();
      },
      undefined,
      'Import failed',
    );
  };

  return (
    <form
      className="card stack"
      aria-label="Import servers"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>Import servers</h2>
      <p className="muted">
        Paste <code>claude_desktop_config.json</code>, Cursor&apos;s <code>mcp.json</code> or VS
        Code&apos;s <code>mcp.json</code> as it is; servers already configured are skipped.
      </p>
      <textarea
        rows={8}
        aria-label="Config JSON"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setChosen(new Map());
        }}
        placeholder={
          '{\n  "mcpServers": {\n    "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] }\n  }\n}'
        }
      />
      <div className="row">
        <label className="button">
          Choose file…
          <input
            type="file"
            accept=".json,application/json"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file)
                void file.text().then((content) => {
                  setText(content);
                  setChosen(new Map());
                });
            }}
          />
        </label>
        {parsed?.ok && (
          <span className="muted">
            Found {parsed.servers.map((server) => server.name).join(', ')}
          </span>
        )}
        {parsed && !parsed.ok && <span className="error-text">{parsed.error}</span>}
      </div>
      {parsed?.ok && (
        <ImportNameFixes servers={parsed.servers} chosen={chosen} onChange={setChosen} />
      )}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="row end">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !parsed?.ok}>
          Import
        </button>
      </div>
    </form>
  );
}
