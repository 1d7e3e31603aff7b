/**
 * The only file that touches node-forge. forge builds the ASN.1 of a certificate (names,
 * extensions, validity); the signature comes from node:crypto, because forge signs only with
 * RSA and does it in slow pure JavaScript. Swapping the X.509 library changes this file alone.
 */
import forge from 'node-forge';
import type { Subject, SubjectAltNames } from './cert-request.ts';

const { asn1, pki } = forge;
type Asn1 = forge.asn1.Asn1;

export type SignatureKind = 'rsa' | 'ec';
export type ExtKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertificateTemplate {
  /** Positive, minimal big-endian bytes. */
  readonly serialNumber: Buffer;
  readonly subject: Subject;
  /** DER of the issuer's subject Name, copied from the CA certificate; `self` for a CA's own. */
  readonly issuerName: Buffer | 'self';
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spkiDer: Buffer;
  readonly isCa: boolean;
  /** RSA keys may encipher keys; ECDSA keys only sign (a keyEncipherment bit is meaningless there). */
  readonly keyEncipherment: boolean;
  readonly extKeyUsages: readonly ExtKeyUsage[];
  readonly sans: SubjectAltNames;
  readonly subjectKeyId: Buffer;
  readonly authorityKeyId?: Buffer;
}

export interface TbsSigner {
  readonly kind: SignatureKind;
  sign(tbsDer: Buffer): Buffer;
}

const SIGNATURE_OIDS: Record<SignatureKind, string> = {
  rsa: '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  ec: '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
};

export function buildCertificateDer(template: CertificateTemplate, signer: TbsSigner): Buffer {
  const holder = pki.createCertificate();
  holder.setSubject(nameAttributes(template.subject));
  holder.setExtensions(extensions(template));
  const subjectName = pki.distinguishedNameToAsn1(holder.subject);
  const issuerName = template.issuerName === 'self' ? subjectName : fromDer(template.issuerName);
  const algorithm = signatureAlgorithm(signer.kind);
  const tbs = seq([
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [integer(Buffer.from([2]))]),
    integer(template.serialNumber),
    algorithm,
    issuerName,
    seq([time(template.notBefore), time(template.notAfter)]),
    subjectName,
    fromDer(template.spkiDer),
    (pki as unknown as { certificateExtensionsToAsn1(exts: unknown[]): Asn1 }).certificateExtensionsToAsn1(holder.extensions),
  ]);
  const tbsDer = toBuffer(tbs);
  const signature = signer.sign(tbsDer);
  const bits = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`);
  return toBuffer(seq([fromDer(tbsDer), signatureAlgorithm(signer.kind), bits]));
}

/** What a certificate signed by `certDer` must copy: its subject Name and key identifier. */
export function readIssuerIdentity(certDer: Buffer): { subjectName: Buffer; subjectKeyId: Buffer | undefined } {
  const tbs = children(children(fromDer(certDer))[0]);
  const offset = tbs[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const subject = tbs[offset + 4];
  if (subject === undefined) throw new Error('certificate has no subject');
  const extensionsBlock = tbs.find((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 3);
  const skiExtension = children(children(extensionsBlock)[0]).find(
    (extension) => asn1.derToOid(String(children(extension)[0]?.value ?? '')) === '2.5.29.14',
  );
  const skiOctets = children(skiExtension).at(-1)?.value;
  const subjectKeyId = typeof skiOctets === 'string' ? Buffer.from(String(fromDer(Buffer.from(skiOctets, 'binary')).value), 'binary') : undefined;
  return { subjectName: toBuffer(subject), subjectKeyId };
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo: RFC 5280's input for a key identifier. */
export function subjectPublicKeyBits(spkiDer: Buffer): Buffer {
  const parsed = (asn1.fromDer as unknown as (bytes: string, options: object) => Asn1)(spkiDer.toString('binary'), { decodeBitStrings: false });
  const bits = children(parsed)[1]?.value;
  if (typeof bits !== 'string') throw new Error('SubjectPublicKeyInfo has no key bits');
  return Buffer.from(bits.slice(1), 'binary');
}

function extensions(template: CertificateTemplate): object[] {
  const list: object[] = [
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: template.keyEncipherment, keyCertSign: template.isCa },
    { name: 'basicConstraints', critical: true, cA: template.isCa },
  ];
  if (template.extKeyUsages.length > 0) {
    list.push({ name: 'extKeyUsage', ...Object.fromEntries(template.extKeyUsages.map((usage) => [usage, true])) });
  }
  list.push({ name: 'subjectKeyIdentifier', value: octets(template.subjectKeyId) });
  if (template.authorityKeyId !== undefined) {
    list.push({ name: 'authorityKeyIdentifier', value: seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, template.authorityKeyId.toString('binary'))]) });
  }
  const altNames = [
    ...template.sans.dnsNames.map((value) => ({ type: 2, value })),
    ...template.sans.ipAddresses.map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length > 0) list.push({ name: 'subjectAltName', altNames });
  return list;
}

/** O before CN, as Go's crypto/x509 orders them; PrintableString where the text allows it. */
function nameAttributes(subject: Subject): forge.pki.CertificateField[] {
  const attribute = (shortName: string, value: string): forge.pki.CertificateField => ({
    shortName,
    value, // forge UTF-8-encodes UTF8String values itself
    valueTagClass: (/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? asn1.Type.PRINTABLESTRING : asn1.Type.UTF8) as unknown as forge.asn1.Class,
  });
  return [...subject.organizations.map((org) => attribute('O', org)), attribute('CN', subject.commonName)];
}

function signatureAlgorithm(kind: SignatureKind): Asn1 {
  const oid = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(SIGNATURE_OIDS[kind]).getBytes());
  // RFC 4055 wants NULL parameters for RSA; RFC 5758 wants none for ECDSA.
  return seq(kind === 'rsa' ? [oid, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : [oid]);
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
function time(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

function seq(value: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
}

function integer(bytes: Buffer): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes.toString('binary'));
}

function octets(bytes: Buffer): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
}

function fromDer(der: Buffer): Asn1 {
  return asn1.fromDer(der.toString('binary'), true);
}

function toBuffer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

function children(node: Asn1 | undefined): Asn1[] {
  return Array.isArray(node?.value) ? node.value : [];
}
