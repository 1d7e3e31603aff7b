import { createHash, randomBytes, sign } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import type { CertRequest, Subject } from './cert-request.ts';
import { buildCertificateDer, readIssuerIdentity, subjectPublicKeyBits } from './forge.ts';
import type { ExtKeyUsage, TbsSigner } from './forge.ts';
import type { KeyPair } from './key-pair.ts';
import { CERTIFICATE_BACKDATE_SECONDS } from './pki-cluster-spec.ts';

/** A CA able to sign: its certificate and its key. */
export interface SigningCa {
  readonly cert: X509Certificate;
  readonly key: KeyPair;
}

export interface Validity {
  readonly now: Date;
  readonly seconds: number;
}

/** A self-signed CA certificate, as kubeadm makes it (its CN is also its one DNS SAN). */
export function issueCaCertificate(options: { subject: Subject; key: KeyPair; validity: Validity }): string {
  const { subject, key, validity } = options;
  const der = buildCertificateDer(
    {
      ...window(validity),
      serialNumber: serialNumber(),
      subject,
      issuerName: 'self',
      spkiDer: key.spkiDer,
      isCa: true,
      keyEncipherment: isRsa(key),
      extKeyUsages: [],
      sans: { dnsNames: [subject.commonName], ipAddresses: [] },
      subjectKeyId: keyId(key.spkiDer),
    },
    signerOf(key),
  );
  return toPem(der);
}

export function issueLeafCertificate(options: { request: CertRequest; key: KeyPair; ca: SigningCa; validity: Validity }): string {
  const { request, key, ca, validity } = options;
  const issuer = readIssuerIdentity(ca.cert.raw);
  const der = buildCertificateDer(
    {
      ...window(validity),
      serialNumber: serialNumber(),
      subject: request.subject,
      issuerName: issuer.subjectName,
      spkiDer: key.spkiDer,
      isCa: false,
      keyEncipherment: isRsa(key),
      extKeyUsages: extKeyUsages(request.usage),
      sans: request.sans,
      subjectKeyId: keyId(key.spkiDer),
      ...(issuer.subjectKeyId === undefined ? {} : { authorityKeyId: issuer.subjectKeyId }),
    },
    signerOf(ca.key),
  );
  return toPem(der);
}

export function extKeyUsages(usage: CertRequest['usage']): ExtKeyUsage[] {
  if (usage === 'server') return ['serverAuth'];
  if (usage === 'client') return ['clientAuth'];
  return ['serverAuth', 'clientAuth'];
}

function window(validity: Validity): { notBefore: Date; notAfter: Date } {
  const nowSeconds = Math.floor(validity.now.getTime() / 1000);
  return {
    notBefore: new Date((nowSeconds - CERTIFICATE_BACKDATE_SECONDS) * 1000),
    notAfter: new Date((nowSeconds + validity.seconds) * 1000),
  };
}

/** 128 random bits, positive, with no leading zero byte (minimal DER). */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes.writeUInt8((bytes.readUInt8(0) & 0x7f) || 0x01, 0);
  return bytes;
}

/** RFC 5280 method 1: SHA-1 of the public key bits. */
function keyId(spkiDer: Buffer): Buffer {
  return createHash('sha1').update(subjectPublicKeyBits(spkiDer)).digest();
}

function isRsa(key: KeyPair): boolean {
  return key.privateKey.asymmetricKeyType === 'rsa';
}

function signerOf(key: KeyPair): TbsSigner {
  return { kind: isRsa(key) ? 'rsa' : 'ec', sign: (tbsDer) => sign('sha256', tbsDer, key.privateKey) };
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
