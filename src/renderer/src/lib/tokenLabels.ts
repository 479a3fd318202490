/**
 * Labels for tokens in a list where names repeat (a token revoked and created again under the
 * same name): revoked ones say so, and tokens sharing a name add their creation date and the
 * end of their id, so no two options read alike.
 */
import type { McpTokenInfo } from '../../../shared/servers';

function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function tokenLabels(tokens: readonly McpTokenInfo[]): Map<string, string> {
  const sameName = new Map<string, number>();
  for (const token of tokens) sameName.set(token.name, (sameName.get(token.name) ?? 0) + 1);
  const labels = new Map<string, string>();
  for (const token of tokens) {
    const shared = (sameName.get(token.name) ?? 0) > 1;
    const details = [
      token.revoked ? 'revoked' : null,
      shared ? `created ${shortDate(token.created_at)}` : null,
      shared ? `…${token.id.slice(-4)}` : null,
    ].filter((part): part is string => part !== null);
    labels.set(token.id, details.length > 0 ? `${token.name} (${details.join(', ')})` : token.name);
  }
  return labels;
}
