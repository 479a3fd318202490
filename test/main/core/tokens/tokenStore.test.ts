import { afterEach, describe, expect, it } from 'vitest';
import {
  createTokenStore,
  hashTokenSecret,
  TokenNameError,
} from '../../../../src/main/core/tokens';
import { tempDatabase, type TempDatabase } from '../activity/activityFixtures';

let temp: TempDatabase;
afterEach(() => temp?.cleanup());

function setup(
  clock = { now: Date.parse('2026-11-23T12:00:00.000Z') },
  onFlushError?: (error: unknown) => void,
) {
  temp = tempDatabase();
  return createTokenStore(temp.db, () => new Date(clock.now), onFlushError);
}

describe('token store', () => {
  it('creates a swb_ secret shown once and stores only its SHA-256', () => {
    const tokens = setup();
    const created = tokens.create('  Claude Desktop ');
    expect(created.name).toBe('Claude Desktop');
    expect(created.token).toMatch(/^swb_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token.slice(4), 'base64url')).toHaveLength(32);
    const row = temp.db.sqlite.prepare('SELECT * FROM mcp_tokens').get() as Record<string, unknown>;
    expect(row.secret_hash).toBe(hashTokenSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(tokens.list()).toEqual([
      {
        id: created.id,
        name: 'Claude Desktop',
        created_at: '2026-11-23T12:00:00.000Z',
        last_used_at: null,
        revoked: false,
      },
    ]);
  });

  it('verifies a secret, and refuses unknown, malformed and revoked ones', () => {
    const tokens = setup();
    const a = tokens.create('Cursor');
    const b = tokens.create('VS Code');
    expect(tokens.verify(a.token)?.id).toBe(a.id);
    expect(tokens.verify(b.token)?.name).toBe('VS Code');
    expect(tokens.verify(`${a.token}x`)).toBeNull();
    expect(tokens.verify('not-a-token')).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.revoke(a.id)).toBe(true);
    expect(tokens.verify(a.token)).toBeNull();
    expect(tokens.revoke('missing')).toBe(false);
    expect(tokens.list().find((t) => t.id === a.id)?.revoked).toBe(true);
  });

  it('keeps last_used_at current without writing on the call path; a flush writes it', () => {
    const clock = { now: Date.parse('2026-11-23T12:00:00.000Z') };
    const tokens = setup(clock);
    const created = tokens.create('Agent');
    const stored = () =>
      temp.db.sqlite.prepare('SELECT last_used_at FROM mcp_tokens').pluck().get() as string | null;
    expect(tokens.verify(created.token)?.last_used_at).toBe('2026-11-23T12:00:00.000Z');
    clock.now += 400;
    for (let i = 0; i < 1000; i++) tokens.verify(created.token);
    expect(tokens.list()[0]?.last_used_at).toBe('2026-11-23T12:00:00.400Z');
    expect(stored()).toBeNull(); // verify() itself never wrote
    tokens.flush();
    expect(stored()).toBe('2026-11-23T12:00:00.400Z');
  });

  it('writes last_used_at by itself within a second', async () => {
    const tokens = setup();
    const created = tokens.create('Agent');
    tokens.verify(created.token);
    await expect
      .poll(() => temp.db.sqlite.prepare('SELECT last_used_at FROM mcp_tokens').pluck().get(), {
        timeout: 5000,
      })
      .toBe('2026-11-23T12:00:00.000Z');
  });

  it('keeps last_used_at through a failed write and writes it on a later try', async () => {
    let timedTryFailed: (error: unknown) => void = () => {};
    const failedTry = new Promise<unknown>((resolve) => (timedTryFailed = resolve));
    const tokens = setup(undefined, (error) => timedTryFailed(error));
    const created = tokens.create('Agent');
    const stored = () =>
      temp.db.sqlite.prepare('SELECT last_used_at FROM mcp_tokens').pluck().get() as string | null;
    temp.db.sqlite.pragma('query_only = ON'); // every write now fails, as under a stuck lock
    tokens.verify(created.token);
    expect(() => tokens.flush()).toThrow(/readonly|read-only|query_only/i);
    expect(tokens.list()[0]?.last_used_at).toBe('2026-11-23T12:00:00.000Z');
    // The timer's own try fails too, without an uncaught error, and schedules another.
    await expect(failedTry).resolves.toBeInstanceOf(Error);
    temp.db.sqlite.pragma('query_only = OFF');
    await expect.poll(stored, { timeout: 5000 }).toBe('2026-11-23T12:00:00.000Z');
  });

  it('rejects empty, too long and duplicate names with a clear error', () => {
    const tokens = setup();
    expect(() => tokens.create('   ')).toThrow(TokenNameError);
    expect(() => tokens.create('x'.repeat(101))).toThrow(
      /token name: expected 1 to 100 characters/,
    );
    const first = tokens.create('Claude');
    expect(() => tokens.create('Claude')).toThrow(
      /a token named "Claude" already exists; revoke it first/,
    );
    tokens.revoke(first.id);
    expect(tokens.create('Claude').name).toBe('Claude');
  });
});
