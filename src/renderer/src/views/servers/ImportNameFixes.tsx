/**
 * Pasted servers whose names Switchboard does not accept (Claude Desktop allows spaces): each
 * gets a fixed name the user can edit, or is skipped, so one name never blocks the whole import.
 */
import type { ImportedServer } from '../../lib/serverImport';
import { UntrustedText } from '../../components/UntrustedText';

interface Props {
  servers: readonly ImportedServer[];
  chosen: ReadonlyMap<string, string | null>;
  onChange: (chosen: ReadonlyMap<string, string | null>) => void;
}

export function ImportNameFixes({ servers, chosen, onChange }: Props) {
  const invalid = servers.filter((server) => server.problem !== null);
  if (invalid.length === 0) return null;
  const set = (name: string, value: string | null): void =>
    onChange(new Map(chosen).set(name, value));
  return (
    <div className="callout warn stack" data-testid="import-name-fixes">
      <strong>
        {invalid.length === 1 ? 'One name needs' : `${invalid.length} names need`} a change:
        letters, digits, &quot;_&quot; or &quot;-&quot;, no &quot;__&quot;.
      </strong>
      {invalid.map((server) => {
        const value = chosen.has(server.name) ? chosen.get(server.name) : server.suggested;
        const skipped = value === null;
        return (
          <div className="row import-fix" key={server.name}>
            <span className="mono">
              <UntrustedText text={JSON.stringify(server.name)} />
            </span>
            <span aria-hidden="true">→</span>
            <input
              aria-label={`Import "${server.name}" as`}
              value={value ?? server.suggested}
              disabled={skipped}
              onChange={(event) => set(server.name, event.target.value)}
            />
            <label className="row">
              <input
                type="checkbox"
                checked={skipped}
                onChange={(event) =>
                  set(server.name, event.target.checked ? null : server.suggested)
                }
              />
              Skip
            </label>
          </div>
        );
      })}
    </div>
  );
}
