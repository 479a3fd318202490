import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { RowCounter } from '../../../../src/main/cli/commands/activityExport';

async function count(
  format: 'csv' | 'jsonl',
  chunks: string[],
): Promise<{ rows: number; seen: number[]; out: string }> {
  const seen: number[] = [];
  const counter = new RowCounter(format, (rows) => seen.push(rows));
  let out = '';
  await pipeline(
    Readable.from(chunks.map((c) => Buffer.from(c))),
    counter,
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString();
        cb();
      },
    }),
  );
  return { rows: counter.rows, seen, out };
}

describe('RowCounter', () => {
  it('counts JSON Lines records across chunk boundaries and passes bytes through', async () => {
    const { rows, out, seen } = await count('jsonl', ['{"a":1}\n{"a"', ':2}\n', '{"a":3}\n']);
    expect(rows).toBe(3);
    expect(out).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
    expect(seen.at(-1)).toBe(3);
  });
  it('counts CSV records without the header, ignoring line breaks inside quoted cells', async () => {
    const { rows } = await count('csv', [
      'id,response\r\n',
      '1,"line one\nline ',
      'two"\r\n2,plain\r\n',
    ]);
    expect(rows).toBe(2);
  });
});
