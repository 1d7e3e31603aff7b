import { createHash, createPublicKey } from 'node:crypto';
import { keyMatches, parseCertificate } from './cert-inspect.ts';
import type { CaRow, KeyPairRow } from './cert-row.ts';
import type { PkiCa, ExistingPki } from './pki.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { PkiError } from './pki-error.ts';
import { selectNodes } from './row-instances.ts';

/** A copy of a file and where it was found (`in hand` or a host name). */
interface Copy {
  readonly source: string;
  readonly content: Buffer;
}

/** How messages name files in hand: the --pki-dir, or what the caller says they are. */
export function inHandLabel(existing: ExistingPki): string {
  return existing.inHand?.label ?? 'the PKI in hand';
}

export function hostLabel(name: string): string {
  return `host ${name}`;
}

/** The CA to use: the one in hand, else the one on the hosts, else undefined (generate one). */
export function resolveCa(row: CaRow, spec: PkiClusterSpec, existing: ExistingPki): (PkiCa & { source: string }) | undefined {
  const certs = copies(row.certPath, selectNodes(row.certHosts, spec), existing);
  const keys = copies(row.keyPath, selectNodes(row.keyHosts, spec), existing);
  const reference = certs[0];
  if (reference === undefined) {
    if (keys[0] !== undefined) throw new PkiError(`${keys[0].source}: ${row.keyPath} exists but ${row.certPath} does not`, { hint: `Supply the ${row.name} CA certificate that belongs to this key, or remove the key.` });
    return undefined;
  }
  const cert = parseCertificate(reference.content);
  if (cert === undefined || !cert.ca) {
    throw new PkiError(`${reference.source}: ${row.certPath} is not a CA certificate`, { hint: `Replace it with the cluster's ${row.name} CA certificate.` });
  }
  for (const copy of certs.slice(1)) {
    const other = parseCertificate(copy.content);
    if (other?.fingerprint256 === cert.fingerprint256) continue;
    throw new PkiError(
      `${copy.source}: ${row.certPath} is a different ${row.name} CA (SHA-256 ${other?.fingerprint256 ?? 'unparsable'}) than the one from ${reference.source} (SHA-256 ${cert.fingerprint256}); kit never replaces a CA`,
      { hint: `Find out which CA the cluster really uses; supply it with --pki-dir, or reset ${copy.source} if it belongs to another cluster.` },
    );
  }
  const key = keys.find((copy) => keyMatches(cert, copy.content));
  if (key === undefined && keys[0] !== undefined) {
    throw new PkiError(`${keys[0].source}: ${row.keyPath} is not the key of the ${row.name} CA certificate (SHA-256 ${cert.fingerprint256})`, { hint: 'Supply the matching CA key, or remove the stray key to use the CA as an external CA.' });
  }
  return { name: row.name, cert, certPem: reference.content.toString('utf8'), source: reference.source, ...(key === undefined ? {} : { keyPem: key.content.toString('utf8') }) };
}

/** The service-account signing key in use, if any; every copy must be the same key. */
export function resolveServiceAccountKey(row: KeyPairRow, spec: PkiClusterSpec, existing: ExistingPki): Copy | undefined {
  const keys = copies(row.privateKeyPath, selectNodes(row.hosts, spec), existing);
  const reference = keys[0];
  if (reference === undefined) return undefined;
  const fingerprints = keys.map((copy) => ({ copy, fingerprint: publicKeyFingerprint(copy.content) }));
  const first = { copy: reference, fingerprint: publicKeyFingerprint(reference.content) };
  if (first.fingerprint === undefined) throw new PkiError(`${reference.source}: ${row.privateKeyPath} is not a private key`, { hint: 'Restore the service-account key from another control plane or a backup.' });
  for (const { copy, fingerprint } of fingerprints.slice(1)) {
    if (fingerprint === first.fingerprint) continue;
    throw new PkiError(
      `${copy.source}: ${row.privateKeyPath} (public key SHA-256 ${fingerprint ?? 'unparsable'}) differs from the one from ${reference.source} (${first.fingerprint}); replacing it would invalidate every service-account token`,
      { hint: 'Copy the key the cluster uses to every control plane, or supply it with --pki-dir.' },
    );
  }
  return reference;
}

/** In-hand copy first, then each host's, in node order. */
function copies(path: string, nodes: readonly { name: string }[], existing: ExistingPki): Copy[] {
  const found: Copy[] = [];
  const inHand = existing.inHand?.cluster.get(path);
  if (inHand !== undefined) found.push({ source: inHandLabel(existing), content: inHand });
  for (const node of nodes) {
    const content = existing.onHosts?.get(node.name)?.get(path);
    if (content !== undefined) found.push({ source: hostLabel(node.name), content });
  }
  return found;
}

function publicKeyFingerprint(pem: Buffer): string | undefined {
  try {
    const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(der).digest('hex');
  } catch {
    return undefined;
  }
}
