import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildPki } from '../../src/certs/build-pki.ts';
import { scanText } from '../support/secret-patterns.ts';
import { testSpec } from '../unit/certs/pki-fixtures.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const random = (length: number): string => Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
const kinds = (text: string, known: readonly string[] = []): string[] => [...new Set(scanText(text, known).findings.map((finding) => finding.kind))].sort();

/** Lines kit prints in a normal run: none of them may count as a secret. */
const CLEAN_OUTPUT = [
  '12:01:02 [certs] cp1: write /etc/kubernetes/pki/ca.crt; write /etc/kubernetes/pki/ca.key',
  '{"time":"2026-11-01T10:00:00.000Z","type":"phase-done","phase":"artifacts","ms":5123}',
  'created Secret kube-system/bootstrap-token-abc123 (token id abc123)',
  'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 pause:3.2',
  'discovery-token-ca-cert-hash sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'node1.kit.test 198.18.0.11:6443 kubernetes.default.svc.cluster.local',
  'Check that the cluster Secret holds an encryption key (secret: <redacted>)',
].join('\n');

describe('secret patterns', () => {
  it('finds RSA, ECDSA and Ed25519 private keys as PEM, as bare DER base64 and glued to other text', () => {
    for (const [type, options] of [['rsa', { modulusLength: 2048 }], ['ec', { namedCurve: 'P-256' }], ['ec', { namedCurve: 'P-384' }], ['ed25519', {}]] as const) {
      const { privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
      const encodings = type === 'rsa' ? ['pkcs1', 'pkcs8'] : type === 'ec' ? ['sec1', 'pkcs8'] : ['pkcs8'];
      for (const encoding of encodings) {
        const pem = privateKey.export({ format: 'pem', type: encoding as 'pkcs8' }).toString();
        const der = privateKey.export({ format: 'der', type: encoding as 'pkcs8' }).toString('base64');
        assert.ok(kinds(`${CLEAN_OUTPUT}\n${pem}`).includes('pem-private-key'), `${type} ${encoding} PEM`);
        assert.deepEqual(kinds(`key=${der}`), ['der-private-key'], `${type} ${encoding} DER`);
        assert.deepEqual(kinds(`x9${der.slice(0, 40)}`), ['der-private-key'], `${type} ${encoding} DER prefix glued to text`);
      }
    }
  });

  it('finds an OpenSSH or encrypted PEM key by its header, and a kubeconfig embedding a key', () => {
    assert.deepEqual(kinds('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE='), ['pem-private-key']);
    assert.deepEqual(kinds('"-----BEGIN ENCRYPTED PRIVATE KEY-----\\nMIIFHD"'), ['pem-private-key']);
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    assert.deepEqual(kinds(`users:\n- user:\n    client-key-data: ${Buffer.from(pem).toString('base64')}\n`), ['base64-pem-private-key']);
  });

  it('flags every key-holding file of a real PKI and none of its certificates', async () => {
    const pki = await buildPki({ spec: testSpec({ keyAlgorithm: 'ecdsa-p256' }) });
    const files = pki.items.flatMap((item) => item.files);
    assert.ok(files.length > 20);
    for (const file of files) {
      const holdsKey = file.content.includes('PRIVATE KEY') || file.content.includes('client-key-data');
      assert.equal(scanText(file.content).findings.length > 0, holdsKey, `${file.path}: ${holdsKey ? 'a key went unnoticed' : 'a false alarm'}`);
    }
    assert.ok(files.some((file) => file.path.endsWith('.crt')), 'the PKI has certificates to test against');
  });

  it('finds bootstrap tokens, learns their secret half and finds it alone with known secrets', () => {
    const id = random(6);
    const secret = random(16);
    const seen = scanText(`kubeadm join --token ${id}.${secret}\n`);
    assert.deepEqual(seen.findings.map((finding) => [finding.kind, finding.line]), [['bootstrap-token', 1]]);
    assert.deepEqual(seen.learned, [secret]);
    assert.deepEqual(kinds(`${CLEAN_OUTPUT}\nauth with ${secret}`, seen.learned), ['known-secret']);
    assert.deepEqual(kinds(`stringData:\n  token-id: ${id}\n  token-secret: ${secret}\n`), ['token-secret']);
    assert.deepEqual(kinds(`{"token-secret":"${Buffer.from(secret).toString('base64')}"}`), ['token-secret']);
  });

  it('finds an EncryptionConfiguration key in YAML and JSON', () => {
    const key = randomBytes(32).toString('base64');
    assert.deepEqual(kinds(`providers:\n- secretbox:\n    keys:\n    - name: key1\n      secret: ${key}\n`), ['encryption-key']);
    assert.deepEqual(kinds(`{"name":"key1","secret":"${key}"}`), ['encryption-key']);
  });

  it('stays quiet on normal output and never repeats the secret in what it reports', () => {
    assert.deepEqual(scanText(CLEAN_OUTPUT).findings, []);
    const secret = random(16);
    const finding = scanText(`line one\njoin with abcdef.${secret} now`).findings[0];
    assert.equal(finding?.line, 2);
    assert.doesNotMatch(JSON.stringify(finding), new RegExp(secret, 'u'));
  });
});
