/**
 * Realistic secrets from a seeded generator: values shaped like real tokens (never real ones).
 * Used to prove no secret reaches the database, an export or an event.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface SeededSecret {
  kind: string;
  value: string;
}

export function seededSecrets(seed = 42): SeededSecret[] {
  const random = seededRandom(seed);
  const pick = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const b64url = (length: number): string => pick(`${ALNUM}-_`, length);
  return [
    { kind: 'openai', value: `sk-${pick(ALNUM, 48)}` },
    { kind: 'openai-project', value: `sk-proj-${b64url(64)}` },
    { kind: 'anthropic', value: `sk-ant-api03-${b64url(80)}` },
    { kind: 'github-classic', value: `ghp_${pick(ALNUM, 36)}` },
    { kind: 'github-oauth', value: `gho_${pick(ALNUM, 36)}` },
    { kind: 'github-fine-grained', value: `github_pat_${pick(ALNUM, 22)}_${pick(ALNUM, 59)}` },
    { kind: 'aws-access-key', value: `AKIA${pick(UPPER_NUM, 16)}` },
    { kind: 'jwt', value: `eyJ${b64url(30)}.eyJ${b64url(60)}.${b64url(43)}` },
    { kind: 'bearer', value: `Bearer ${b64url(40)}` },
    { kind: 'switchboard', value: `swb_${b64url(43)}` },
    {
      kind: 'pem',
      value: `-----BEGIN RSA PRIVATE KEY-----\n${pick(ALNUM, 64)}\n${pick(ALNUM, 64)}\n-----END RSA PRIVATE KEY-----`,
    },
  ];
}

/** Values that are only secret because of the key they sit under. */
export function seededKeyedSecrets(seed = 7): Record<string, string> {
  const random = seededRandom(seed);
  const word = (): string =>
    Array.from({ length: 14 }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('');
  return {
    password: `pw-${word()}`,
    api_key: `key-${word()}`,
    client_secret: `cs-${word()}`,
    Authorization: `Basic ${word()}`,
    db_password: `db-${word()}`,
    private_key: `pk-${word()}`,
  };
}
