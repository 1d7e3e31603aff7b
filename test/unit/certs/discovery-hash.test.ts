import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoveryTokenCaCertHash } from '../../../src/certs/discovery-hash.ts';
import { issueCaCertificate } from '../../../src/certs/issue-certificate.ts';
import { generateKeyPair } from '../../../src/certs/key-pair.ts';

describe('discoveryTokenCaCertHash', () => {
  for (const algorithm of ['rsa-2048', 'ecdsa-p256'] as const) {
    it(`matches openssl's SubjectPublicKeyInfo digest (${algorithm})`, async () => {
      const key = await generateKeyPair(algorithm);
      const pem = issueCaCertificate({ subject: { commonName: 'kubernetes', organizations: [] }, key, validity: { now: new Date(), seconds: 3600 } });
      const dir = mkdtempSync(join(tmpdir(), 'kit-hash-'));
      try {
        const file = join(dir, 'ca.crt');
        writeFileSync(file, pem);
        const digest = execSync(`openssl x509 -pubkey -noout -in ${file} | openssl pkey -pubin -outform der | sha256sum`, { encoding: 'utf8' }).split(' ')[0];
        assert.match(digest ?? '', /^[0-9a-f]{64}$/);
        assert.equal(discoveryTokenCaCertHash(pem), `sha256:${digest}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
