import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { certFacts, parseCertificate } from '../../../src/certs/cert-inspect.ts';
import { issueCaCertificate, issueLeafCertificate } from '../../../src/certs/issue-certificate.ts';
import { generateKeyPair } from '../../../src/certs/key-pair.ts';

const validity = { now: new Date(), seconds: 3600 };
const request = { subject: { commonName: 'cp1', organizations: [] }, sans: { dnsNames: ['cp1'], ipAddresses: ['198.18.0.11', 'fd00::11'] }, usage: 'server-and-client' as const };

function opensslVerify(caPem: string, leafPem: string): { status: number | null; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kit-issue-'));
  try {
    writeFileSync(join(dir, 'ca.crt'), caPem);
    writeFileSync(join(dir, 'leaf.crt'), leafPem);
    const verify = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'leaf.crt')], { encoding: 'utf8' });
    const text = spawnSync('openssl', ['x509', '-in', join(dir, 'leaf.crt'), '-noout', '-text'], { encoding: 'utf8' }).stdout;
    return { status: verify.status, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('issuing certificates', () => {
  it('signs ECDSA P-256 certificates that openssl accepts, without keyEncipherment', async () => {
    const caKey = await generateKeyPair('ecdsa-p256');
    const caPem = issueCaCertificate({ subject: { commonName: 'etcd-ca', organizations: [] }, key: caKey, validity });
    const ca = parseCertificate(caPem);
    assert.ok(ca !== undefined);
    const leafPem = issueLeafCertificate({ request, key: await generateKeyPair('ecdsa-p256'), ca: { cert: ca, key: caKey }, validity });
    const { status, text } = opensslVerify(caPem, leafPem);
    assert.equal(status, 0);
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(text, /Key Usage: critical\n\s+Digital Signature\n/);
    assert.match(text, /IP Address:FD00:0:0:0:0:0:0:11/);
    assert.deepEqual(certFacts(parseCertificate(leafPem) ?? ca).sans.ipAddresses, ['198.18.0.11', 'fd00::11']);
  });

  it('copies the issuer name of a CA brought with an unusual subject, so chains still build', async () => {
    const caKey = await generateKeyPair('rsa-2048');
    const caPem = issueCaCertificate({ subject: { commonName: 'Kübernetes Root — ACME', organizations: ['ACME Corp', 'Ops'] }, key: caKey, validity });
    const ca = parseCertificate(caPem);
    assert.ok(ca !== undefined);
    const leafPem = issueLeafCertificate({ request, key: await generateKeyPair('rsa-2048'), ca: { cert: ca, key: caKey }, validity });
    const { status, text } = opensslVerify(caPem, leafPem);
    assert.equal(status, 0, text);
    assert.equal(parseCertificate(leafPem)?.issuer, ca.subject);
  });

  it('makes RSA keys of the size asked for', async () => {
    const key = await generateKeyPair('rsa-3072');
    assert.equal(key.privateKey.asymmetricKeyDetails?.modulusLength, 3072);
    assert.match(key.privateKeyPem, /^-----BEGIN RSA PRIVATE KEY-----/);
    assert.match((await generateKeyPair('ecdsa-p256')).privateKeyPem, /^-----BEGIN EC PRIVATE KEY-----/);
  });

  it('gives each certificate a fresh positive 128-bit serial', async () => {
    const key = await generateKeyPair('ecdsa-p256');
    const serials = new Set(Array.from({ length: 20 }, () => parseCertificate(issueCaCertificate({ subject: { commonName: 'x', organizations: [] }, key, validity }))?.serialNumber));
    assert.equal(serials.size, 20);
    for (const serial of serials) assert.match(serial ?? '', /^[0-7][0-9A-F]{31}$/);
  });
});
