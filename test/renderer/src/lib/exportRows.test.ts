import { describe, expect, it } from 'vitest';
import {
  createRowCounter,
  fileNameFromDisposition,
} from '../../../../src/renderer/src/lib/exportRows';

describe('export row counter', () => {
  it('counts JSON Lines across chunk boundaries', () => {
    const counter = createRowCounter('jsonl');
    expect(counter.push('{"a":1}\n{"a"')).toBe(1);
    expect(counter.push(':2}\n{"a":3}')).toBe(2);
    expect(counter.finish()).toBe(3);
  });

  it('counts CSV rows without the header and with newlines inside quotes', () => {
    const counter = createRowCounter('csv');
    counter.push('id,response\r\n1,"line one\nline two"\r\n2,"say ""hi""\r\n');
    expect(counter.finish()).toBe(2);
  });

  it('counts nothing for an empty export', () => {
    expect(createRowCounter('csv').finish()).toBe(0);
    const counter = createRowCounter('csv');
    counter.push('id,type\r\n');
    expect(counter.finish()).toBe(0);
  });
});

describe('export file name', () => {
  it('prefers filename* and falls back to filename, then to a dated default', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''activity%202026.csv`, 'x')).toBe(
      'activity 2026.csv',
    );
    expect(fileNameFromDisposition('attachment; filename="a.jsonl"', 'x')).toBe('a.jsonl');
    expect(fileNameFromDisposition('attachment; filename=b.csv', 'x')).toBe('b.csv');
    expect(fileNameFromDisposition('attachment; filename="../../etc.csv"', 'x')).toBe(
      '.._.._etc.csv',
    );
    expect(fileNameFromDisposition(null, 'fallback.csv')).toBe('fallback.csv');
  });
});
