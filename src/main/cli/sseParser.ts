export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Incremental parser of a `text/event-stream` (WHATWG HTML, "Server-sent events"): feed it
 * chunks as they arrive, get whole messages back. Comment lines (keep-alives) are skipped.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | null = null;
  /** The last `id:` seen, for `Last-Event-ID` on reconnect. */
  lastEventId: string | null = null;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let newline: RegExpExecArray | null;
    const lineEnd = /\r\n|\r|\n/g;
    let consumed = 0;
    while ((newline = lineEnd.exec(this.buffer)) !== null) {
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for more.
      if (newline[0] === '\r' && newline.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(consumed, newline.index);
      consumed = newline.index + newline[0].length;
      const message = this.line(line);
      if (message !== null) messages.push(message);
    }
    this.buffer = this.buffer.slice(consumed);
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    if (this.id !== null) this.lastEventId = this.id;
    const message =
      this.data.length === 0
        ? null
        : { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
    this.event = '';
    this.data = [];
    this.id = null;
    return message;
  }
}
