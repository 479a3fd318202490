import { describe, expect, it } from 'vitest';
import {
  jsonBytes,
  newCallRecord,
  responseText,
  summarizeItem,
} from '../../../../src/main/core/gateway/toolCallRecord';

const who = {
  sessionId: 's1',
  clientName: 'agent',
  clientVersion: '1',
  tokenId: 't1',
  tokenName: 'Agent',
};

describe('responseText', () => {
  it('joins text items with newlines', () => {
    expect(
      responseText({
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      }),
    ).toBe('a\nb');
  });

  it('summarizes a non-text item as short JSON instead of its payload', () => {
    const data = Buffer.alloc(1234).toString('base64');
    expect(
      responseText({
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image', mimeType: 'image/png', data },
        ],
      }),
    ).toBe('see image\n{"type":"image","mimeType":"image/png","bytes":1234}');
  });

  it('uses structuredContent as JSON when there is no text', () => {
    expect(responseText({ content: [], structuredContent: { sum: 3 } })).toBe('{"sum":3}');
    expect(
      responseText({ content: [{ type: 'text', text: '3' }], structuredContent: { sum: 3 } }),
    ).toBe('3');
  });

  it('is null for an empty result', () => {
    expect(responseText({ content: [] })).toBeNull();
  });
});

describe('summarizeItem', () => {
  it('describes embedded resources and links by uri and size', () => {
    expect(
      summarizeItem({
        type: 'resource',
        resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'héllo' },
      }),
    ).toEqual({
      type: 'resource',
      uri: 'file:///a.txt',
      mimeType: 'text/plain',
      bytes: 6,
    });
    expect(summarizeItem({ type: 'resource_link', uri: 'demo://x', name: 'x' })).toEqual({
      type: 'resource_link',
      uri: 'demo://x',
      name: 'x',
      mimeType: null,
    });
    expect(summarizeItem({ type: 'audio', mimeType: 'audio/wav', data: 'AAAA' })).toEqual({
      type: 'audio',
      mimeType: 'audio/wav',
      bytes: 3,
    });
  });
});

describe('newCallRecord', () => {
  it('fills a tool_call record with the call start, identity and request size', () => {
    const record = newCallRecord(
      '01J0000000000000000000000A',
      Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      'fs',
      'read',
      { path: '/é' },
      who,
    );
    expect(record).toMatchObject({
      type: 'tool_call',
      timestamp: '2026-01-02T03:04:05.006Z',
      server_name: 'fs',
      tool_name: 'read',
      session_id: 's1',
      token_name: 'Agent',
      request_bytes: jsonBytes({ path: '/é' }),
      status: 'success',
      metadata: {},
    });
    expect(record.request_bytes).toBe(14);
    expect(newCallRecord('x', 0, 's', 't', undefined, who).request_bytes).toBe(0);
  });
});
