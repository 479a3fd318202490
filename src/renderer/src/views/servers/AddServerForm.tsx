/** Add a stdio server (command line, env) or a remote one (URL, transport, headers). */
import { useState } from 'react';
import type { ServerEntryInput, Transport } from '../../../../shared/servers';
import { useAction } from '../../hooks/useAction';
import { parseKeyValueLines, serverNameProblem, splitCommandLine } from '../../lib/serverImport';
import { useStores } from '../../state/stores';

export function AddServerForm({ onDone }: { onDone: () => void }) {
  const { servers } = useStores();
  const { busy, run } = useAction();
  const [kind, setKind] = useState<'stdio' | 'remote'>('stdio');
  const [name, setName] = useState('');
  const [commandLine, setCommandLine] = useState('');
  const [env, setEnv] = useState('');
  const [url, setUrl] = useState('');
  const [transport, setTransport] = useState<Exclude<Transport, 'stdio'>>('streamable-http');
  const [headers, setHeaders] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const build = (): ServerEntryInput | string => {
    const nameProblem = serverNameProblem(name.trim());
    if (nameProblem) return nameProblem;
    if (kind === 'stdio') {
      const [command, ...args] = splitCommandLine(commandLine.trim());
      if (!command)
        return 'Enter the command that starts the server, e.g. npx -y @modelcontextprotocol/server-memory';
      const parsedEnv = parseKeyValueLines(env, '=');
      if (!parsedEnv.ok) return `Environment: ${parsedEnv.error}`;
      return {
        command,
        args,
        ...(Object.keys(parsedEnv.values).length > 0 ? { env: parsedEnv.values } : {}),
      };
    }
    try {
      const parsedUrl = new URL(url.trim());
      if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:')
        return 'The URL must start with http:// or https://.';
    } catch {
      return `"${url}" is not a URL: enter the server's MCP endpoint, e.g. https://example.com/mcp`;
    }
    const parsedHeaders = parseKeyValueLines(headers, ':');
    if (!parsedHeaders.ok) return `Headers: ${parsedHeaders.error}`;
    return {
      url: url.trim(),
      transport,
      ...(Object.keys(parsedHeaders.values).length > 0 ? { headers: parsedHeaders.values } : {}),
    };
  };

  const submit = async (): Promise<void> => {
    const entry = build();
    if (typeof entry === 'string') {
      setProblem(entry);
      return;
    }
    setProblem(null);
    const ok = await run(
      () => servers.getState().add(name.trim(), entry),
      `${name.trim()} added`,
      'Adding the server failed',
    );
    if (ok) onDone();
  };

  return (
    <form
      className="card stack"
      aria-label="Add server"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <h2>Add a server</h2>
        <div className="segmented" role="group" aria-label="Kind">
          <button
            type="button"
            className={`small${kind === 'stdio' ? ' on' : ''}`}
            onClick={() => setKind('stdio')}
          >
            Command (stdio)
          </button>
          <button
            type="button"
            className={`small${kind === 'remote' ? ' on' : ''}`}
            onClick={() => setKind('remote')}
          >
            URL (remote)
          </button>
        </div>
      </div>
      <div className="form-grid">
        <label className="field">
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="github"
            autoFocus
          />
        </label>
        {kind === 'stdio' ? (
          <>
            <label className="field wide">
              Command line
              <input
                className="mono"
                value={commandLine}
                onChange={(event) => setCommandLine(event.target.value)}
                placeholder="npx -y @modelcontextprotocol/server-memory"
              />
            </label>
            <label className="field wide">
              Environment (NAME=value per line; shown masked afterwards)
              <textarea rows={2} value={env} onChange={(event) => setEnv(event.target.value)} />
            </label>
          </>
        ) : (
          <>
            <label className="field wide">
              URL
              <input
                className="mono"
                value={url}
                onChange={(event) => setUrl(event.target.value)}
                placeholder="https://example.com/mcp"
              />
            </label>
            <label className="field">
              Transport
              <select
                value={transport}
                onChange={(event) => setTransport(event.target.value as 'streamable-http' | 'sse')}
              >
                <option value="streamable-http">Streamable HTTP</option>
                <option value="sse">SSE (legacy)</option>
              </select>
            </label>
            <label className="field wide">
              Headers (Name: value per line; shown masked afterwards)
              <textarea
                rows={2}
                value={headers}
                onChange={(event) => setHeaders(event.target.value)}
              />
            </label>
          </>
        )}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="row end">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Add server
        </button>
      </div>
    </form>
  );
}
