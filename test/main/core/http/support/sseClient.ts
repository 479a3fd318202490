/** A server-sent events reader over node:http that keeps every frame, for asserting exact streams. */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseFrame {
  event: string | null;
  id: string | null;
  data: string | null;
  comment: string | null;
}

export interface SseClient {
  status: number;
  frames: SseFrame[];
  /** Frames with an `event:` line (comments left out). */
  events(): SseFrame[];
  /** Resolves once `predicate` holds for the frames received so far. */
  until(predicate: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<void>;
  ended: Promise<void>;
  close(): void;
  response: IncomingMessage;
  request: ClientRequest;
}

export function parseSseFrames(text: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const frame: SseFrame = { event: null, id: null, data: null, comment: null };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      else if (line.startsWith('event: ')) frame.event = line.slice(7);
      else if (line.startsWith('id: ')) frame.id = line.slice(4);
      else if (line.startsWith('data: '))
        frame.data = (frame.data === null ? '' : `${frame.data}\n`) + line.slice(6);
    }
    frames.push(frame);
  }
  return { frames, rest };
}

export function openSse(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const parsed = parseSseFrames(buffer + chunk);
        buffer = parsed.rest;
        frames.push(...parsed.frames);
        for (const waiter of [...waiters]) waiter();
      });
      const ended = new Promise<void>((done) => {
        res.on('end', () => done());
        res.on('close', () => done());
        res.on('error', () => done());
      });
      resolve({
        status: res.statusCode ?? 0,
        frames,
        events: () => frames.filter((frame) => frame.event !== null),
        until(predicate, timeoutMs = 10_000) {
          if (predicate(frames)) return Promise.resolve();
          return new Promise<void>((ok, fail) => {
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(`SSE condition not met in ${timeoutMs} ms; got ${frames.length} frames`),
              );
            }, timeoutMs);
            const check = (): void => {
              if (!predicate(frames)) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok();
            };
            waiters.add(check);
            void ended.then(() => {
              if (waiters.has(check)) {
                clearTimeout(timer);
                waiters.delete(check);
                if (predicate(frames)) ok();
                else
                  fail(
                    new Error(
                      `SSE stream ended before the condition held; got ${frames.length} frames`,
                    ),
                  );
              }
            });
          });
        },
        ended,
        close: () => req.destroy(),
        response: res,
        request: req,
      });
    });
    req.on('error', reject);
    req.end();
  });
}
