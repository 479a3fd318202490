import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/core/config';
import {
  DEFAULT_TELEMETRY_SETTINGS,
  effectiveTelemetry,
  parseOtlpHeaders,
} from '../../../../src/main/core/telemetry';

const API_KEY = 'k'.repeat(32);

describe('the telemetry block', () => {
  it('is off by default', () => {
    const { config } = resolveConfig({ api_key: API_KEY }, {});
    expect(config.telemetry).toEqual(DEFAULT_TELEMETRY_SETTINGS);
    expect(effectiveTelemetry(config.telemetry, {})).toBeNull();
  });

  it('names the key of a bad value or an unknown key', () => {
    expect(() =>
      resolveConfig({ api_key: API_KEY, telemetry: { otlp_endpoint: 'collector:4318' } }, {}),
    ).toThrow(/^telemetry\.otlp_endpoint: expected an http:\/\/ or https:\/\/ base address/);
    expect(() =>
      resolveConfig({ api_key: API_KEY, telemetry: { include_arguments: 'yes' } }, {}),
    ).toThrow(/^telemetry\.include_arguments: /);
    expect(() => resolveConfig({ api_key: API_KEY, telemetry: { sampler: 1 } }, {})).toThrow(
      /telemetry.*sampler/,
    );
  });

  it('resolves ${env:NAME} in headers, as elsewhere in the file', () => {
    const { config } = resolveConfig(
      {
        api_key: API_KEY,
        telemetry: {
          otlp_endpoint: 'https://otel.example.com/',
          headers: { authorization: 'Bearer ${env:OTEL_TOKEN}' },
        },
      },
      { OTEL_TOKEN: 'abc' },
    );
    expect(effectiveTelemetry(config.telemetry, {})).toEqual({
      endpoint: 'https://otel.example.com',
      endpointSource: 'config',
      headers: { authorization: 'Bearer abc' },
      serviceName: 'switchboard',
      includeArguments: false,
    });
  });
});

describe('the environment', () => {
  const env = {
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env-collector:4318',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-a=1,x-b=two%20words',
  };

  it('turns telemetry on when the config gives no endpoint', () => {
    expect(effectiveTelemetry(DEFAULT_TELEMETRY_SETTINGS, env)).toMatchObject({
      endpoint: 'http://env-collector:4318',
      endpointSource: 'environment',
      headers: { 'x-a': '1', 'x-b': 'two words' },
    });
  });

  it('loses to the config keys', () => {
    const settings = {
      ...DEFAULT_TELEMETRY_SETTINGS,
      otlp_endpoint: 'http://config-collector:4318',
      headers: { 'x-a': 'config' },
    };
    expect(effectiveTelemetry(settings, env)).toMatchObject({
      endpoint: 'http://config-collector:4318',
      endpointSource: 'config',
      headers: { 'x-a': 'config', 'x-b': 'two words' },
    });
  });

  it('parses OTEL_EXPORTER_OTLP_HEADERS leniently', () => {
    expect(parseOtlpHeaders(' a = 1 ,=x,b,c=%E0%A4%A,d=e=f')).toEqual({
      a: '1',
      c: '%E0%A4%A',
      d: 'e=f',
    });
  });
});
