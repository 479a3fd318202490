import { describe, expect, it } from 'vitest';
import {
  checkHostHeader,
  checkOriginHeader,
  hostnameOfHostHeader,
  isLoopbackHostname,
} from '../../../../src/main/core/http/requestGuards';

const loopbackOnly = { names: new Set(['127.0.0.1']) };
const lan = { names: new Set(['192.168.1.5']) };

describe('DNS-rebinding guards', () => {
  it('knows loopback names', () => {
    for (const name of [
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHostname(name), name).toBe(true);
    }
    for (const name of ['example.com', '128.0.0.1', '10.0.0.1', 'localhost.evil.com', '::2']) {
      expect(isLoopbackHostname(name), name).toBe(false);
    }
  });

  it('parses Host headers', () => {
    expect(hostnameOfHostHeader('Example.com:8080')).toBe('example.com');
    expect(hostnameOfHostHeader('[::1]:8080')).toBe('::1');
    expect(hostnameOfHostHeader('localhost')).toBe('localhost');
    expect(hostnameOfHostHeader('evil.com:80@x')).toBeNull();
  });

  it('accepts loopback hosts on any port and the listen host, refuses others', () => {
    expect(checkHostHeader('127.0.0.1:8080', loopbackOnly)).toBeNull();
    expect(checkHostHeader('localhost:9000', loopbackOnly)).toBeNull();
    expect(checkHostHeader('[::1]:8080', loopbackOnly)).toBeNull();
    expect(checkHostHeader('192.168.1.5:8080', lan)).toBeNull();
    expect(checkHostHeader('attacker.example', loopbackOnly)).toBe(
      'Host "attacker.example" is not allowed: Switchboard answers only to its listen address or a loopback name (DNS-rebinding protection)',
    );
    expect(checkHostHeader('192.168.1.5:8080', loopbackOnly)).toMatch(/is not allowed/);
    expect(checkHostHeader(undefined, loopbackOnly)).toMatch(/^Missing Host header/);
  });

  it('accepts no Origin, loopback origins and the listen host; refuses foreign, null and non-http origins', () => {
    expect(checkOriginHeader(undefined, loopbackOnly)).toBeNull();
    expect(checkOriginHeader('http://localhost:5173', loopbackOnly)).toBeNull();
    expect(checkOriginHeader('http://127.0.0.1:8080', loopbackOnly)).toBeNull();
    expect(checkOriginHeader('http://[::1]:8080', loopbackOnly)).toBeNull();
    expect(checkOriginHeader('http://192.168.1.5:8080', lan)).toBeNull();
    expect(checkOriginHeader('https://evil.example', loopbackOnly)).toBe(
      'Origin "https://evil.example" is not allowed: Switchboard accepts browser requests only from loopback origins (DNS-rebinding protection)',
    );
    expect(checkOriginHeader('null', loopbackOnly)).toMatch(/is not allowed/);
    expect(checkOriginHeader('file://', loopbackOnly)).toMatch(/is not allowed/);
    expect(checkOriginHeader('http://localhost.evil.com', loopbackOnly)).toMatch(/is not allowed/);
  });
});
