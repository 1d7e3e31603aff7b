import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { CertRequest, Subject, SubjectAltNames } from './cert-request.ts';
import { splitSans } from './cert-request.ts';
import { extKeyUsages } from './issue-certificate.ts';

const EKU_OIDS: Record<string, string> = { '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth' };

/** What kit reads back from a certificate: enough to decide reuse and to print expiry. */
export interface CertFacts {
  readonly subject: Subject;
  readonly sans: SubjectAltNames;
  readonly extKeyUsages: readonly string[];
  readonly isCa: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly issuer: string;
  readonly fingerprint256: string;
}

/** Parses PEM, or returns undefined when it is no certificate. */
export function parseCertificate(pem: string | Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

export function certFacts(cert: X509Certificate): CertFacts {
  const legacy = cert.toLegacyObject().subject as unknown as Record<string, string | string[] | undefined>;
  const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());
  const sanText = cert.subjectAltName ?? '';
  const names = sanText === '' ? [] : sanText.split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
  return {
    subject: { commonName: list(legacy['CN'])[0] ?? '', organizations: list(legacy['O']) },
    sans: splitSans(names),
    extKeyUsages: (cert.keyUsage ?? []).map((oid) => EKU_OIDS[oid] ?? oid),
    isCa: cert.ca,
    notBefore: cert.validFromDate,
    notAfter: cert.validToDate,
    issuer: cert.issuer.replaceAll('\n', ', '),
    fingerprint256: cert.fingerprint256,
  };
}

export function signedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** True when the PEM holds the private key of this certificate. */
export function keyMatches(cert: X509Certificate, keyPem: string | Buffer): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

export interface LeafCheck {
  readonly request: CertRequest;
  readonly ca: X509Certificate;
  readonly caName: string;
  readonly now: Date;
  /** Re-issue when fewer than this many seconds of validity remain. */
  readonly renewBeforeSeconds: number;
}

/** Why an existing certificate cannot be kept; empty when it can. */
export function leafProblems(certPem: Buffer | string | undefined, keyPem: Buffer | string | undefined, check: LeafCheck): string[] {
  if (certPem === undefined) return ['missing'];
  const cert = parseCertificate(certPem);
  if (cert === undefined) return ['certificate unparsable'];
  if (keyPem === undefined) return ['key missing'];
  if (!keyMatches(cert, keyPem)) return ['key unparsable or not the certificate\'s key'];
  if (!signedBy(cert, check.ca)) return [`not signed by the ${check.caName} CA in use`];
  const facts = certFacts(cert);
  const problems: string[] = [];
  const remaining = (facts.notAfter.getTime() - check.now.getTime()) / 1000;
  if (remaining < check.renewBeforeSeconds) problems.push(`expires ${facts.notAfter.toISOString()}`);
  if (facts.notBefore.getTime() > check.now.getTime() + 5 * 60_000) problems.push(`not valid before ${facts.notBefore.toISOString()}`);
  const want = check.request.subject;
  if (facts.subject.commonName !== want.commonName || !sameSet(facts.subject.organizations, want.organizations)) {
    problems.push(`subject ${describeSubject(facts.subject)}, want ${describeSubject(want)}`);
  }
  const sanDiff = setDifference([...facts.sans.dnsNames, ...facts.sans.ipAddresses], [...check.request.sans.dnsNames, ...check.request.sans.ipAddresses]);
  if (sanDiff !== '') problems.push(`SANs changed (${sanDiff})`);
  if (!sameSet(facts.extKeyUsages, extKeyUsages(check.request.usage))) problems.push(`usages ${facts.extKeyUsages.join('+')}`);
  return problems;
}

export function describeSubject(subject: Subject): string {
  return [...subject.organizations.map((org) => `O=${org}`), `CN=${subject.commonName}`].join(', ');
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && setDifference(left, right) === '';
}

function setDifference(have: readonly string[], want: readonly string[]): string {
  const missing = want.filter((name) => !have.includes(name));
  const extra = have.filter((name) => !want.includes(name));
  return [...missing.map((name) => `+${name}`), ...extra.map((name) => `-${name}`)].join(' ');
}
