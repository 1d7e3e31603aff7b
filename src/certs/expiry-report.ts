import type { X509Certificate } from 'node:crypto';
import { certFacts, describeSubject, parseCertificate, signedBy } from './cert-inspect.ts';
import { rowsForMinor } from './cert-list.ts';
import type { CaName, CaRow, CertRow } from './cert-row.ts';
import { parseKubeconfig } from './kubeconfig.ts';
import { KUBELET_CERTS } from './kubelet-certs.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import type { RemoteFiles } from './remote-files.ts';
import { receivingNodes, selectNodes } from './row-instances.ts';

/**
 * valid: more than the warning threshold left; expiring: less; expired; missing: the inventory
 * says this host should hold it; unreadable: not a certificate (or a kubeconfig without one);
 * foreign: not signed by the cluster's CA (a CA: not the one the control planes hold).
 */
export type ExpiryStatus = 'valid' | 'expiring' | 'expired' | 'missing' | 'unreadable' | 'foreign';

export interface CertExpiry {
  readonly host: string;
  /** A CERT_LIST row name or a KUBELET_CERTS name. */
  readonly name: string;
  /** `etcd-server@cp1`, `admin.conf`. */
  readonly id: string;
  readonly kind: CertRow['kind'] | 'kubelet';
  readonly path: string;
  readonly status: ExpiryStatus;
  /** True for anything but `valid`: what `check-expiration` highlights. */
  readonly warn: boolean;
  readonly notAfter?: string;
  readonly residualSeconds?: number;
  /** `ca`, `etcd-ca`, `front-proxy-ca`, `self-signed`; the issuer's DN when no cluster CA signed it. */
  readonly issuer?: string;
  readonly subject?: string;
  readonly serial?: string;
  /** Its CA's key is on no control plane: kit cannot renew it (for a CA: kit never could). */
  readonly externallyManaged: boolean;
  /** Who renews it: `kit certs renew`, the kubelet itself, or the operator (CAs, external CAs). */
  readonly renewedBy: 'kit' | 'kubelet' | 'operator';
  readonly problem?: string;
}

export interface ExpiryReport {
  readonly checkedAt: string;
  readonly warnWithinSeconds: number;
  readonly certificates: readonly CertExpiry[];
}

export interface ExpiryInput {
  readonly spec: PkiClusterSpec;
  /** What each host holds, read by `readRemoteFiles` with `expiryReadRequest`. */
  readonly onHosts: ReadonlyMap<string, RemoteFiles>;
  readonly now: Date;
  readonly warnWithinSeconds: number;
}

/** The cluster's CAs as the control planes hold them: the reference every copy and leaf is checked against. */
interface ClusterCa {
  readonly cert: X509Certificate | undefined;
  readonly source: string | undefined;
  readonly keyPresent: boolean;
}

/** Every certificate each host holds, judged against the cluster's CAs; hosts in the order given. */
export function expiryReport(input: ExpiryInput): ExpiryReport {
  const cas = clusterCas(input);
  const certificates = [...input.onHosts.keys()].flatMap((host) => hostEntries(host, cas, input));
  return { checkedAt: input.now.toISOString(), warnWithinSeconds: input.warnWithinSeconds, certificates };
}

function clusterCas(input: ExpiryInput): ReadonlyMap<CaName, ClusterCa> {
  const caRows = rowsForMinor(input.spec.kubernetesMinor).filter((row): row is CaRow => row.kind === 'ca');
  return new Map(caRows.map((row) => {
    const holders = selectNodes(row.keyHosts, input.spec).map((node) => node.name);
    const source = holders.find((name) => parseCertificate(input.onHosts.get(name)?.files.get(row.certPath) ?? '')?.ca === true);
    const cert = source === undefined ? undefined : parseCertificate(input.onHosts.get(source)?.files.get(row.certPath) ?? '');
    const keyPresent = holders.some((name) => input.onHosts.get(name)?.present.has(row.keyPath) === true);
    return [row.name, { cert, source, keyPresent }];
  }));
}

function hostEntries(host: string, cas: ReadonlyMap<CaName, ClusterCa>, input: ExpiryInput): CertExpiry[] {
  const held = input.onHosts.get(host);
  if (held === undefined) return [];
  const entries: CertExpiry[] = [];
  for (const row of rowsForMinor(input.spec.kubernetesMinor)) {
    if (row.kind === 'keypair') continue;
    const path = row.kind === 'kubeconfig' ? row.path : row.certPath;
    const expected = receivingNodes(row, input.spec).some((node) => node.name === host);
    const content = held.files.get(path);
    // A worker's kubelet.conf is written by its kubelet's TLS bootstrap and points at the rotated
    // kubelet-client-current.pem, which the kubelet rows below report.
    if (row.kind === 'kubeconfig' && !expected) continue;
    const ca = cas.get(row.kind === 'ca' ? row.name : row.ca);
    const base = { host, name: row.name, id: row.scope === 'per-node' ? `${row.name}@${host}` : row.name, kind: row.kind, path };
    const external = ca?.keyPresent !== true;
    const renewedBy = row.kind === 'ca' || external ? 'operator' : 'kit';
    if (content === undefined) {
      if (expected) entries.push({ ...base, status: 'missing', warn: true, externallyManaged: external, renewedBy });
      continue;
    }
    const pem = row.kind === 'kubeconfig' ? parseKubeconfig(content)?.clientCertPem : content;
    entries.push({ ...base, ...judge(pem, { ca, isCa: row.kind === 'ca', caName: row.kind === 'ca' ? row.name : row.ca }, input), externallyManaged: external, renewedBy });
  }
  for (const kubelet of KUBELET_CERTS) {
    const content = held.files.get(kubelet.path);
    if (content === undefined) continue;
    const ca = kubelet.ca === 'ca' ? cas.get('ca') : undefined;
    const judged = judge(content, { ca, isCa: false, caName: kubelet.ca }, input);
    entries.push({ host, name: kubelet.name, id: `${kubelet.name}@${host}`, kind: 'kubelet', path: kubelet.path, ...judged, externallyManaged: false, renewedBy: 'kubelet' });
  }
  return entries;
}

type Judged = Pick<CertExpiry, 'status' | 'warn' | 'notAfter' | 'residualSeconds' | 'issuer' | 'subject' | 'serial' | 'problem'>;

/** Time left and who signed it; `caName` `self-signed` expects a certificate that signed itself. */
function judge(pem: string | Buffer | undefined, against: { ca: ClusterCa | undefined; isCa: boolean; caName: string }, input: ExpiryInput): Judged {
  const cert = pem === undefined ? undefined : parseCertificate(pem);
  if (cert === undefined) return { status: 'unreadable', warn: true, problem: 'no certificate could be parsed' };
  const facts = certFacts(cert);
  const residualSeconds = Math.floor((facts.notAfter.getTime() - input.now.getTime()) / 1000);
  const timed = {
    notAfter: facts.notAfter.toISOString(),
    residualSeconds,
    subject: describeSubject(facts.subject),
    serial: cert.serialNumber,
  };
  const reference = against.ca?.cert;
  const ours = against.caName === 'self-signed'
    ? signedWithinFile(cert, pem)
    : reference !== undefined && (against.isCa ? cert.fingerprint256 === reference.fingerprint256 : signedBy(cert, reference));
  if (!ours) {
    const problem = reference === undefined && against.caName !== 'self-signed'
      ? `the ${against.caName} CA certificate is on no control plane`
      : against.isCa ? `differs from the ${against.caName} CA on ${against.ca?.source ?? '?'}` : `not signed by the ${against.caName} CA`;
    return { ...timed, status: 'foreign', warn: true, issuer: facts.issuer, problem };
  }
  const status = residualSeconds <= 0 ? 'expired' : residualSeconds < input.warnWithinSeconds ? 'expiring' : 'valid';
  return { ...timed, status, warn: status !== 'valid', issuer: against.caName };
}

/**
 * The kubelet's own serving certificate: signed by itself, or (1.20 and later) by a throwaway
 * `<host>-ca@<time>` CA whose certificate follows it in the same file.
 */
function signedWithinFile(cert: X509Certificate, pem: string | Buffer | undefined): boolean {
  const blocks = String(pem ?? '').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu) ?? [];
  return blocks.some((block) => {
    const issuer = parseCertificate(block);
    return issuer !== undefined && signedBy(cert, issuer);
  });
}

/** The files `expiryReport` needs from one host: certificates and kubeconfigs, CA keys by existence only. */
export function expiryReadRequest(spec: PkiClusterSpec): { contents: string[]; exists: string[] } {
  const rows = rowsForMinor(spec.kubernetesMinor);
  const contents = rows.flatMap((row) => (row.kind === 'ca' || row.kind === 'leaf' ? [row.certPath] : row.kind === 'kubeconfig' ? [row.path] : []));
  const exists = rows.flatMap((row) => (row.kind === 'ca' ? [row.keyPath] : []));
  return { contents: [...contents, ...KUBELET_CERTS.map((cert) => cert.path)], exists };
}
