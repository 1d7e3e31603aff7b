import { fingerprintOf, normaliseFingerprint } from '../../host/host-key.ts';
import { entryMatchesHost, knownHostsName, parseKnownHosts } from '../../host/known-hosts.ts';

/** What the user's records already say about the key a host presented. */
export type HostKeyStatus =
  | { readonly kind: 'pinned'; readonly same: boolean; readonly expected: string }
  | { readonly kind: 'known'; readonly where: string }
  | { readonly kind: 'revoked'; readonly where: string }
  | { readonly kind: 'other'; readonly where: string; readonly expected: readonly string[] }
  | { readonly kind: 'unknown' };

export interface HostKeyRecords {
  readonly address: string;
  readonly port: number;
  /** The hostKey the `--from` inventory pinned for this host. */
  readonly pinned?: string;
  readonly knownHostsFile: string;
  /** The known_hosts file's text ('' when it does not exist). */
  readonly knownHostsText: string;
}

/** Judges `fingerprint` against a previous pin first, then against known_hosts (read, never written). */
export function hostKeyStatus(fingerprint: string, records: HostKeyRecords): HostKeyStatus {
  if (records.pinned !== undefined) {
    const expected = normaliseFingerprint(records.pinned);
    return { kind: 'pinned', same: expected === fingerprint, expected };
  }
  const name = knownHostsName(records.address, records.port);
  const entries = parseKnownHosts(records.knownHostsText).filter((entry) => entryMatchesHost(entry, name));
  const at = (line: number): string => `${records.knownHostsFile}:${line}`;
  const revoked = entries.find((entry) => entry.marker === 'revoked' && fingerprintOf(entry.key) === fingerprint);
  if (revoked !== undefined) return { kind: 'revoked', where: at(revoked.line) };
  const trusted = entries.filter((entry) => entry.marker === undefined);
  const same = trusted.find((entry) => fingerprintOf(entry.key) === fingerprint);
  if (same !== undefined) return { kind: 'known', where: at(same.line) };
  const first = trusted[0];
  if (first === undefined) return { kind: 'unknown' };
  return { kind: 'other', where: at(first.line), expected: trusted.map((entry) => `${entry.keyType} ${fingerprintOf(entry.key)}`) };
}

/** One line for the screen, and whether confirming is the safe default. */
export function describeHostKeyStatus(status: HostKeyStatus): { readonly note: string; readonly trustByDefault: boolean } {
  switch (status.kind) {
    case 'pinned':
      return status.same
        ? { note: 'it is the key the inventory pinned', trustByDefault: true }
        : { note: `WARNING: the inventory pinned ${status.expected}: the server was reinstalled, or someone is intercepting the connection`, trustByDefault: false };
    case 'known':
      return { note: `${status.where} lists the same key`, trustByDefault: true };
    case 'revoked':
      return { note: `WARNING: ${status.where} marks this key @revoked`, trustByDefault: false };
    case 'other':
      return { note: `WARNING: ${status.where} expects ${status.expected.join(' or ')}: the server was reinstalled, or someone is intercepting the connection`, trustByDefault: false };
    case 'unknown':
      return { note: 'a key seen for the first time', trustByDefault: false };
  }
}
