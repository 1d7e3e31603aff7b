import { createHash } from 'node:crypto';

/**
 * Facts about an SSH public key blob (the wire format: string type, then type-specific
 * fields), as sshd presents it in the key exchange and known_hosts stores it in base64.
 */

/** `SHA256:` + unpadded base64 of the blob's SHA-256: what `ssh-keygen -lf` prints. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/u, '')}`;
}

/** The key type named inside the blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new TypeError('host key blob is shorter than its length prefix');
  const length = blob.readUInt32BE(0);
  if (length > blob.length - 4) throw new TypeError('host key blob has a truncated type name');
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** Normalises user input such as `SHA256:abc=` so pinned values compare with ours. */
export function normaliseFingerprint(value: string): string {
  const trimmed = value.trim().replace(/=+$/u, '');
  return trimmed.startsWith('SHA256:') ? trimmed : `SHA256:${trimmed}`;
}

/**
 * The host-key algorithm names (as negotiated in the key exchange) that make a server
 * present a key of `keyType`. RSA keys are signed with one of three hash variants.
 */
export function hostKeyAlgorithmsFor(keyType: string): readonly string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}
