/**
 * ULIDs for tool calls (SPEC 5: the id is taken when the call starts). The `ulid` package asks
 * crypto for one byte per character, which showed up as 5% of the proxy's CPU under load; this
 * draws from a pooled random buffer instead. Same format: 10 chars of ms time + 16 random chars.
 */
import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;
const pool = Buffer.alloc(RANDOM_CHARS * 256);
let offset = pool.length;

export function newCallId(now: number = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  if (offset + RANDOM_CHARS > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let random = '';
  // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform.
  for (let i = 0; i < RANDOM_CHARS; i++) random += CROCKFORD.charAt((pool[offset + i] ?? 0) & 31);
  offset += RANDOM_CHARS;
  return time + random;
}
