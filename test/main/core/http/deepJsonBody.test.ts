/** SPEC 3 / issue 11: a REST body nested 5,000 deep is a 400 naming the limit, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture } from './support/apiFixture';

const DEPTH_ERROR = 'body: JSON nested deeper than 64 levels; Switchboard accepts at most 64.';

/** `{"a":{"a":…}}` as text, `depth` levels deep. */
function nestedText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('deeply nested REST bodies', () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await startApiFixture({ mcpServers: { idle: { command: 'true', enabled: false } } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('POST /api/v1/servers/import and PATCH /api/v1/servers/{name} answer 400', async () => {
    const deep = nestedText(5_000);
    expect(await f.failure('POST', '/api/v1/servers/import', 400, `{"mcpServers":${deep}}`)).toBe(
      DEPTH_ERROR,
    );
    expect(await f.failure('PATCH', '/api/v1/servers/idle', 400, `{"env":${deep}}`)).toBe(
      DEPTH_ERROR,
    );
    expect(await f.failure('PUT', '/api/v1/policies', 400, `[${deep}]`)).toBe(DEPTH_ERROR);
  });

  it('still reads a body within the limit', async () => {
    const within = JSON.parse(nestedText(60)) as unknown;
    const message = await f.failure('PATCH', '/api/v1/servers/idle', 400, { env: within });
    expect(message).not.toBe(DEPTH_ERROR);
  });
});
