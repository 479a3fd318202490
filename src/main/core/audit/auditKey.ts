/**
 * The Ed25519 key that signs checkpoints (SPEC 12): created on first run in the data directory as
 * `audit_key.pem` (PKCS #8, mode 0600) with the public key beside it in `audit_key.pub.pem`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_KEY_FILE = 'audit_key.pem';
export const AUDIT_PUBLIC_KEY_FILE = 'audit_key.pub.pem';

export interface AuditPublicKey {
  key: KeyObject;
  /** `sha256:` + hex SHA-256 of the SPKI DER. */
  fingerprint: string;
}

export interface AuditKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
  fingerprint: string;
}

export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Creates the key pair if there is none; (re)writes the public key from the private one. */
export function ensureAuditKey(dataDir: string): AuditKeyFiles {
  const privateKeyFile = join(dataDir, AUDIT_KEY_FILE);
  const publicKeyFile = join(dataDir, AUDIT_PUBLIC_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(privateKeyFile)) {
    privateKey = loadPrivateKey(privateKeyFile);
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    // wx: never overwrite a key another process created meanwhile.
    writeFileSync(privateKeyFile, pem, { mode: 0o600, flag: 'wx' });
    // The mode above is filtered by the umask; the key must end up 0600 whatever it is.
    chmodSync(privateKeyFile, 0o600);
  }
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
  if (!existsSync(publicKeyFile) || readFileSync(publicKeyFile, 'utf8') !== publicPem)
    writeFileSync(publicKeyFile, publicPem, { mode: 0o644 });
  return { privateKeyFile, publicKeyFile, fingerprint: keyFingerprint(publicKey) };
}

export function loadPrivateKey(file: string): KeyObject {
  try {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return key;
  } catch (error) {
    throw new Error(`${file}: cannot read the audit signing key: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export function loadPublicKey(file: string): AuditPublicKey {
  let key: KeyObject;
  try {
    key = createPublicKey(readFileSync(file));
  } catch (error) {
    throw new Error(`${file}: cannot read the audit public key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file}: expected an Ed25519 public key, got ${key.asymmetricKeyType}`);
  return { key, fingerprint: keyFingerprint(key) };
}

/** The public key of a data directory, or null when no key was created there yet. */
export function dataDirPublicKey(dataDir: string): AuditPublicKey | null {
  const file = join(dataDir, AUDIT_PUBLIC_KEY_FILE);
  return existsSync(file) ? loadPublicKey(file) : null;
}
