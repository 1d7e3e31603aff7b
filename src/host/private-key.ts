import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { SshKeyFileError } from '../errors/ssh-errors.ts';

export interface PrivateKeySource {
  /** The inventory host the key is for: every message names it. */
  readonly host: string;
  readonly keyFile: string;
  /** The inventory field the path came from, e.g. `hosts[].ssh.keyFile`. */
  readonly field: string;
}

/**
 * Reads and checks a private key before any connection is attempted, so a typo in the
 * inventory is reported as such rather than as a refused login. Errors never carry the
 * file's content.
 */
export async function readPrivateKey(source: PrivateKeySource): Promise<Buffer> {
  let content: Buffer;
  try {
    content = await readFile(source.keyFile);
  } catch (error) {
    throw new SshKeyFileError(source.host, source.keyFile, source.field, readFailure(error));
  }
  const parsed = ssh2.utils.parseKey(content);
  if (parsed instanceof Error) {
    const reason = /encrypted/iu.test(parsed.message)
      ? 'is protected by a passphrase, which kit cannot ask for'
      : 'is not a private key kit can read (OpenSSH, PEM RSA/ECDSA or PKCS#8 ed25519 expected)';
    throw new SshKeyFileError(source.host, source.keyFile, source.field, reason);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || key.isPrivateKey() !== true) {
    throw new SshKeyFileError(source.host, source.keyFile, source.field, 'holds a public key, not a private key');
  }
  return content;
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a directory, not a key file';
  return `cannot be read (${code ?? 'unknown error'})`;
}
