import { describe, expect, it } from 'vitest';
import {
  collectKeyValue,
  exportFormatFromPath,
  parseChoiceList,
  parseIntInRange,
  parseKeyValue,
  parseTimeArg,
} from '../../../src/main/cli/cliArgs';
import { UsageError } from '../../../src/main/cli/cliErrors';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('parseTimeArg', () => {
  it('takes relative ages back from now', () => {
    expect(parseTimeArg('15m', NOW)).toBe('2026-11-23T11:45:00.000Z');
    expect(parseTimeArg('24h', NOW)).toBe('2026-11-22T12:00:00.000Z');
    expect(parseTimeArg('7d', NOW)).toBe('2026-11-16T12:00:00.000Z');
    expect(parseTimeArg('30s', NOW)).toBe('2026-11-23T11:59:30.000Z');
    expect(parseTimeArg('2w', NOW)).toBe('2026-11-09T12:00:00.000Z');
  });

  it('takes RFC 3339 and normalises it to UTC', () => {
    expect(parseTimeArg('2026-01-31T12:00:00Z')).toBe('2026-01-31T12:00:00.000Z');
    expect(parseTimeArg('2026-01-31T12:00:00.250+02:00')).toBe('2026-01-31T10:00:00.250Z');
    expect(parseTimeArg('2026-01-31')).toBe('2026-01-31T00:00:00.000Z');
  });

  it.each(['yesterday', '15', '15 minutes', '2026-13-45T00:00:00Z', '2026-01-31T12:00:00', ''])(
    'refuses %j with a UsageError that shows the accepted forms',
    (value) => {
      expect(() => parseTimeArg(value, NOW)).toThrow(UsageError);
      expect(() => parseTimeArg(value, NOW)).toThrow(
        /expected an RFC 3339 time .* or a relative age \(15m, 24h, 7d\)/,
      );
    },
  );
});

describe('other argument parsers', () => {
  it('parseIntInRange', () => {
    expect(parseIntInRange('50', 1, 100)).toBe(50);
    expect(() => parseIntInRange('0', 1, 100)).toThrow('expected an integer from 1 to 100, got 0');
    expect(() => parseIntInRange('1.5', 1, 100)).toThrow('got "1.5"');
    expect(() => parseIntInRange('abc', 0)).toThrow(UsageError);
  });

  it('parseKeyValue and collectKeyValue', () => {
    expect(parseKeyValue('TOKEN=${env:GH}')).toEqual(['TOKEN', '${env:GH}']);
    expect(parseKeyValue('Authorization: Bearer x=y')).toEqual(['Authorization', 'Bearer x=y']);
    expect(parseKeyValue('EMPTY=')).toEqual(['EMPTY', '']);
    expect(() => parseKeyValue('novalue')).toThrow('expected KEY=VALUE, got "novalue"');
    expect(collectKeyValue('B=2', collectKeyValue('A=1'))).toEqual({ A: '1', B: '2' });
  });

  it('parseChoiceList', () => {
    expect(
      parseChoiceList('tool_call, policy_decision', [
        'tool_call',
        'policy_decision',
        'server_change',
      ]),
    ).toEqual(['tool_call', 'policy_decision']);
    expect(() => parseChoiceList('tool_call,nope', ['tool_call'])).toThrow(
      'expected one of tool_call, got "nope"',
    );
    expect(() => parseChoiceList(',', ['a'])).toThrow(UsageError);
  });

  it('exportFormatFromPath', () => {
    expect(exportFormatFromPath('/tmp/log.CSV')).toBe('csv');
    expect(exportFormatFromPath('log.jsonl')).toBe('jsonl');
    expect(exportFormatFromPath('log.ndjson')).toBe('jsonl');
    expect(exportFormatFromPath('log.json')).toBe('jsonl');
    expect(exportFormatFromPath('log.txt')).toBeNull();
  });
});
