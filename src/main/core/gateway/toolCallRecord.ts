/**
 * How a tool call becomes an activity record (SPEC 5): the response as text (text items joined
 * by newlines, other items as a short JSON summary, structuredContent when there is no text) and
 * the byte counts. Redaction and truncation are the recorder's job, not this module's.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import { newActivityRecord } from '../activity/newActivityRecord';

type ContentItem = CallToolResult['content'][number];

export interface CallIdentity {
  sessionId: string | null;
  clientName: string | null;
  clientVersion: string | null;
  tokenId: string | null;
  tokenName: string | null;
}

export function newCallRecord(
  id: string,
  startedAt: number,
  server: string,
  tool: string,
  args: Record<string, unknown> | undefined,
  who: CallIdentity,
): ActivityRecord {
  return newActivityRecord({
    id,
    type: 'tool_call',
    timestamp: new Date(startedAt).toISOString(),
    server_name: server,
    tool_name: tool,
    arguments: args ?? null,
    session_id: who.sessionId,
    client_name: who.clientName,
    client_version: who.clientVersion,
    token_id: who.tokenId,
    token_name: who.tokenName,
    request_bytes: args === undefined ? 0 : jsonBytes(args),
  });
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

export function responseText(result: CallToolResult): string | null {
  const parts: string[] = [];
  let hasText = false;
  for (const item of result.content ?? []) {
    if (item.type === 'text') {
      hasText = true;
      parts.push(item.text);
    } else {
      parts.push(JSON.stringify(summarizeItem(item)));
    }
  }
  if (!hasText && result.structuredContent !== undefined) {
    parts.unshift(JSON.stringify(result.structuredContent));
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

/** `{"type":"image","mimeType":"image/png","bytes":1234}`: what the item was, not its payload. */
export function summarizeItem(item: ContentItem): Record<string, unknown> {
  switch (item.type) {
    case 'text':
      return { type: 'text', bytes: Buffer.byteLength(item.text, 'utf8') };
    case 'image':
    case 'audio':
      return { type: item.type, mimeType: item.mimeType, bytes: base64Bytes(item.data) };
    case 'resource': {
      const resource = item.resource;
      const bytes =
        'text' in resource && typeof resource.text === 'string'
          ? Buffer.byteLength(resource.text, 'utf8')
          : 'blob' in resource && typeof resource.blob === 'string'
            ? base64Bytes(resource.blob)
            : 0;
      return { type: 'resource', uri: resource.uri, mimeType: resource.mimeType ?? null, bytes };
    }
    case 'resource_link':
      return {
        type: 'resource_link',
        uri: item.uri,
        name: item.name,
        mimeType: item.mimeType ?? null,
      };
    default:
      return { type: (item as { type: string }).type };
  }
}

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

/** Milliseconds with two decimals: sub-millisecond calls still chart and sort sensibly. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}
