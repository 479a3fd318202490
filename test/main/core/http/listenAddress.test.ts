import { describe, expect, it } from 'vitest';
import { formatHostPort, parseListenAddress } from '../../../../src/main/core/http/listenAddress';

describe('parseListenAddress', () => {
  it('reads host:port, [v6]:port and a bare port (which binds loopback)', () => {
    expect(parseListenAddress('127.0.0.1:8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListenAddress('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80 });
    expect(parseListenAddress('8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseListenAddress(':8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseListenAddress('localhost:3000')).toEqual({ host: 'localhost', port: 3000 });
  });

  it('refuses malformed values and ports out of range', () => {
    expect(() => parseListenAddress('localhost')).toThrow(
      'listen: expected "host:port" (e.g. "127.0.0.1:8080" or "[::1]:8080"), got "localhost"',
    );
    expect(() => parseListenAddress('127.0.0.1:70000')).toThrow(
      'listen: expected a port from 0 to 65535, got "127.0.0.1:70000"',
    );
  });

  it('formats IPv6 hosts in brackets', () => {
    expect(formatHostPort('::1', 8080)).toBe('[::1]:8080');
    expect(formatHostPort('127.0.0.1', 8080)).toBe('127.0.0.1:8080');
  });
});
