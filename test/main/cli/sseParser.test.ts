import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src/main/cli/sseParser';

describe('SseParser', () => {
  it('parses events split across chunks anywhere, with CRLF or LF', () => {
    const parser = new SseParser();
    const stream =
      'id: 41\r\nevent: activity.tool_call.completed\r\ndata: {"id":"A"}\r\n\r\n: keep-alive\n\nid: 42\nevent: activity.policy_decision\ndata: {"id":\ndata: "B"}\n\n';
    const messages = [];
    for (let i = 0; i < stream.length; i += 7)
      messages.push(...parser.push(stream.slice(i, i + 7)));
    expect(messages).toEqual([
      { event: 'activity.tool_call.completed', data: '{"id":"A"}', id: '41' },
      { event: 'activity.policy_decision', data: '{"id":\n"B"}', id: '42' },
    ]);
    expect(parser.lastEventId).toBe('42');
  });

  it('skips comments and blocks without data; defaults the event name to message', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\nevent: x\n\ndata: hi\n\n')).toEqual([
      { event: 'message', data: 'hi', id: null },
    ]);
  });

  it('waits for the rest of a line and of a CRLF split between chunks', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\n\r')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'a', id: null }]);
  });
});
