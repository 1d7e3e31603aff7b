/**
 * What counts as a leaked secret in kit's output: private keys (PEM, DER in base64, PEM in
 * base64 as kubeconfigs embed it), bootstrap tokens and their secret half, encryption keys.
 * Findings never carry the secret itself, only where it is and what preceded it.
 */
export type SecretKind = 'pem-private-key' | 'der-private-key' | 'base64-pem-private-key' | 'bootstrap-token' | 'token-secret' | 'encryption-key' | 'known-secret';

export interface SecretFinding {
  readonly kind: SecretKind;
  readonly line: number;
  /** Up to 40 characters before the match and the match's length: enough to find it, nothing of it. */
  readonly where: string;
}

export interface ScanResult {
  readonly findings: readonly SecretFinding[];
  /** Secret halves of bootstrap tokens seen here: every other log is then searched for them alone. */
  readonly learned: readonly string[];
}

const PEM_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/gu;
const BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/gu;
/** Starts of DER private keys in base64 (PKCS#1, PKCS#8, SEC1), for runs not aligned where they begin. */
const DER_PREFIXES = [/MII[A-Za-z0-9+/]{3}IBA[AD]/gu, /MIG[A-Za-z0-9+/]AgE[AB]/gu, /M[A-Za-z0-9+/]{2}CAQ[AE][AEw]/gu];
const BOOTSTRAP_TOKEN = /(?<![A-Za-z0-9])([a-z0-9]{6})\.([a-z0-9]{16})(?![A-Za-z0-9])/gu;
const TOKEN_SECRET_FIELD = /token-secret["']?\s*[:=]\s*["']?[A-Za-z0-9+/=]{16,}/gu;
/** An EncryptionConfiguration key (`secret: <base64 of 16-32 bytes>`), in YAML or JSON. */
const ENCRYPTION_SECRET_FIELD = /(?<![A-Za-z0-9-])["']?secret["']?\s*:\s*["']?([A-Za-z0-9+/]{22,}={0,2})/gu;

export function scanText(text: string, knownSecrets: readonly string[] = []): ScanResult {
  const findings: SecretFinding[] = [];
  const learned = new Set<string>();
  const add = (kind: SecretKind, index: number, length: number): void => {
    findings.push({ kind, line: lineOf(text, index), where: `${JSON.stringify(text.slice(Math.max(0, index - 40), index))} then ${length} characters` });
  };
  for (const match of text.matchAll(PEM_HEADER)) add('pem-private-key', match.index, match[0].length);
  for (const match of text.matchAll(BASE64_RUN)) {
    const decoded = Buffer.from(match[0], 'base64');
    if (decoded.includes('PRIVATE KEY-----')) add('base64-pem-private-key', match.index, match[0].length);
    else if (looksLikeDerPrivateKey(decoded)) add('der-private-key', match.index, match[0].length);
  }
  for (const prefix of DER_PREFIXES) for (const match of text.matchAll(prefix)) add('der-private-key', match.index, match[0].length);
  for (const match of text.matchAll(BOOTSTRAP_TOKEN)) {
    add('bootstrap-token', match.index, match[0].length);
    if (match[2] !== undefined) learned.add(match[2]);
  }
  for (const match of text.matchAll(TOKEN_SECRET_FIELD)) add('token-secret', match.index, match[0].length);
  for (const match of text.matchAll(ENCRYPTION_SECRET_FIELD)) {
    if (Buffer.from(match[1] ?? '', 'base64').length >= 16) add('encryption-key', match.index, match[0].length);
  }
  for (const secret of knownSecrets.filter((value) => value.length >= 8)) {
    for (let index = text.indexOf(secret); index >= 0; index = text.indexOf(secret, index + 1)) add('known-secret', index, secret.length);
  }
  return { findings: dedupe(findings), learned: [...learned] };
}

/**
 * A DER SEQUENCE whose first element is a small version INTEGER (0 or 1) followed by an INTEGER,
 * a SEQUENCE or an OCTET STRING: the shape of PKCS#1, PKCS#8 and SEC1 private keys. Certificates,
 * CSRs and public keys start with a SEQUENCE or a large INTEGER instead.
 */
export function looksLikeDerPrivateKey(der: Buffer): boolean {
  if (der[0] !== 0x30) return false;
  const lengthByte = der[1] ?? 0;
  const body = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
  if (lengthByte > 0x83) return false;
  const version = der.subarray(body, body + 4);
  return version[0] === 0x02 && version[1] === 0x01 && (version[2] === 0x00 || version[2] === 0x01) && [0x02, 0x30, 0x04].includes(version[3] ?? -1);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

function dedupe(findings: readonly SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.kind}:${finding.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
