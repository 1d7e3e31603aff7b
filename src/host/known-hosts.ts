import { createHmac, timingSafeEqual } from 'node:crypto';
import { fingerprintOf, keyTypeOf } from './host-key.ts';

/**
 * OpenSSH's known_hosts format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): one key per line,
 * `[@marker] hosts keytype base64-key [comment]`, where hosts is a comma-separated list of
 * patterns (`*`, `?`, `!negation`, `[host]:port`) or one hashed name `|1|salt|hmac-sha1`.
 */
export interface KnownHostsEntry {
  /** 1-based line number, for messages that point at the file. */
  readonly line: number;
  readonly marker: 'revoked' | undefined;
  readonly hosts: string;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly kind: 'known'; readonly line: number }
  | { readonly kind: 'revoked'; readonly line: number }
  /** The host is known with other key(s): what it presented is not one of them. */
  | { readonly kind: 'changed'; readonly line: number; readonly expected: readonly string[] }
  | { readonly kind: 'unknown' };

/** How known_hosts names a host: the bare address on port 22, `[address]:port` otherwise. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Parses the file's text; lines that are blank, comments, malformed or @cert-authority are skipped. */
export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const entry = parseLine(raw, index + 1);
    if (entry !== undefined) entries.push(entry);
  });
  return entries;
}

function parseLine(raw: string, line: number): KnownHostsEntry | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const fields = text.split(/\s+/u);
  let marker: KnownHostsEntry['marker'];
  if (fields[0]?.startsWith('@') === true) {
    // Certificates are not supported, so a CA line vouches for nothing here.
    if (fields[0] !== '@revoked') return undefined;
    marker = 'revoked';
    fields.shift();
  }
  const [hosts, keyType, base64] = fields;
  if (hosts === undefined || keyType === undefined || base64 === undefined) return undefined;
  const key = Buffer.from(base64, 'base64');
  if (!isWellFormedKey(key, keyType)) return undefined;
  return { line, marker, hosts, keyType, key };
}

function isWellFormedKey(key: Buffer, keyType: string): boolean {
  try {
    return keyTypeOf(key) === keyType;
  } catch {
    return false;
  }
}

/** True when the entry's host field names `name` (as produced by knownHostsName). */
export function entryMatchesHost(entry: Pick<KnownHostsEntry, 'hosts'>, name: string): boolean {
  if (entry.hosts.startsWith('|1|')) return hashedNameMatches(entry.hosts, name);
  const lower = name.toLowerCase();
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, lower)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedNameMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function globMatches(pattern: string, name: string): boolean {
  const source = [...pattern.toLowerCase()]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(name);
}

/**
 * Judges the key `name` presented. Conservative on purpose: once a host is known, any key
 * that is not one of its recorded keys counts as changed — even one of another type, which
 * a man in the middle could otherwise offer to slip past the check.
 */
export function judgeHostKey(entries: readonly KnownHostsEntry[], name: string, presented: Buffer): HostKeyVerdict {
  const forHost = entries.filter((entry) => entryMatchesHost(entry, name));
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && entry.key.equals(presented));
  if (revoked !== undefined) return { kind: 'revoked', line: revoked.line };
  const trusted = forHost.filter((entry) => entry.marker === undefined);
  const known = trusted.find((entry) => entry.key.equals(presented));
  if (known !== undefined) return { kind: 'known', line: known.line };
  const first = trusted[0];
  if (first === undefined) return { kind: 'unknown' };
  const sameType = trusted.filter((entry) => entry.keyType === keyTypeOf(presented));
  const relevant = sameType.length > 0 ? sameType : trusted;
  return {
    kind: 'changed',
    line: (relevant[0] ?? first).line,
    expected: relevant.map((entry) => `${entry.keyType} ${fingerprintOf(entry.key)}`),
  };
}

/** Key types recorded for `name`, in file order: offered first so the server shows a known one. */
export function knownKeyTypes(entries: readonly KnownHostsEntry[], name: string): string[] {
  const types = entries
    .filter((entry) => entry.marker === undefined && entryMatchesHost(entry, name))
    .map((entry) => entry.keyType);
  return [...new Set(types)];
}

/** One known_hosts line (with newline) recording `key` for `name`. */
export function formatKnownHostsLine(name: string, key: Buffer): string {
  return `${name} ${keyTypeOf(key)} ${key.toString('base64')}\n`;
}
