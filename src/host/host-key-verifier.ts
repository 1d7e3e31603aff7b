import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HostKeyChangedError, HostKeyUnknownError } from '../errors/ssh-errors.ts';
import type { KitError } from '../errors/kit-error.ts';
import type { Logger } from '../workflow/logger.ts';
import { fingerprintOf, hostKeyAlgorithmsFor, keyTypeOf, normaliseFingerprint } from './host-key.ts';
import { formatKnownHostsLine, judgeHostKey, knownHostsName, knownKeyTypes, parseKnownHosts } from './known-hosts.ts';

/** One server whose key is being checked: the target itself or its bastion. */
export interface HostKeyCheck {
  /** The inventory host name, for messages. */
  readonly host: string;
  /** How messages name the server: `address:port`, prefixed "bastion" for a jump host. */
  readonly endpoint: string;
  readonly address: string;
  readonly port: number;
  /** Pinned `SHA256:…` fingerprint: when set, known_hosts is neither read nor written. */
  readonly pinned?: string;
  /** The inventory field a pin comes from, for messages. */
  readonly pinnedField: string;
  readonly knownHostsFile: string;
  readonly acceptNew: boolean;
  readonly logger: Logger;
}

/** ssh2's default host-key algorithms, which we reorder so a known key type is negotiated. */
const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
];

/**
 * The algorithm preference for the key exchange: types known_hosts records for this server
 * first, so a server that still has its recorded key shows that one (as OpenSSH does).
 */
export async function hostKeyAlgorithms(check: HostKeyCheck): Promise<string[]> {
  if (check.pinned !== undefined) return DEFAULT_HOST_KEY_ALGORITHMS;
  const entries = parseKnownHosts(await readKnownHosts(check.knownHostsFile));
  const preferred = knownKeyTypes(entries, knownHostsName(check.address, check.port)).flatMap(hostKeyAlgorithmsFor);
  return [...new Set([...preferred, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}

/** Resolves undefined when the key is trusted (recording it first if new and allowed), else the error. */
export async function verifyHostKey(check: HostKeyCheck, key: Buffer): Promise<KitError | undefined> {
  const presented = `${keyTypeOf(key)} ${fingerprintOf(key)}`;
  const name = knownHostsName(check.address, check.port);
  if (check.pinned !== undefined) {
    if (fingerprintOf(key) === normaliseFingerprint(check.pinned)) return undefined;
    return new HostKeyChangedError({
      host: check.host, endpoint: check.endpoint, knownHostsName: name, presented,
      expected: normaliseFingerprint(check.pinned), source: `the inventory (${check.pinnedField})`,
    });
  }
  const verdict = judgeHostKey(parseKnownHosts(await readKnownHosts(check.knownHostsFile)), name, key);
  const source = `${check.knownHostsFile}:${'line' in verdict ? verdict.line : 0}`;
  switch (verdict.kind) {
    case 'known':
      return undefined;
    case 'revoked':
      return new HostKeyChangedError({
        host: check.host, endpoint: check.endpoint, knownHostsName: name, presented,
        expected: 'any key but this one, which it marks @revoked', source,
      });
    case 'changed':
      return new HostKeyChangedError({
        host: check.host, endpoint: check.endpoint, knownHostsName: name, presented,
        expected: verdict.expected.join(' or '), source,
      });
    case 'unknown':
      if (!check.acceptNew) {
        return new HostKeyUnknownError({
          host: check.host, endpoint: check.endpoint, keyType: keyTypeOf(key),
          fingerprint: fingerprintOf(key), knownHostsFile: check.knownHostsFile,
        });
      }
      await appendKnownHost(check.knownHostsFile, formatKnownHostsLine(name, key));
      check.logger.log({
        level: 'warn', host: check.host,
        message: `recorded the new host key of ${check.endpoint} (${presented}) in ${check.knownHostsFile}`,
      });
      return undefined;
  }
}

async function readKnownHosts(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * Appends one line with a single O_APPEND write, which the kernel applies whole: parallel
 * connections (and other ssh clients) appending at once never lose or interleave entries,
 * which a read-modify-rename would. The file and its directory are created private.
 */
async function appendKnownHost(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(prefix + line);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
