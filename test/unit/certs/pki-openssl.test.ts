import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import { parseKubeconfig } from '../../../src/certs/kubeconfig.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { fileOf, testSpec } from './pki-fixtures.ts';

const DAY = 86_400;
const openssl = (...args: string[]): string => execFileSync('openssl', args, { encoding: 'utf8' });

/** A signed certificate and its key written out, with the CA file it must chain to. */
interface Written {
  readonly cert: string;
  readonly key: string;
  readonly caFile: string;
}

describe('a generated PKI, checked with openssl', () => {
  let dir = '';
  let pki: Pki;
  const now = new Date();
  const written = new Map<string, Written>();
  const write = (name: string, content: string): string => {
    const path = join(dir, name.replaceAll('/', '_').replaceAll('@', '_'));
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kit-pki-'));
    pki = await buildPki({ spec: testSpec(), now });
    const caFiles = new Map([...pki.cas].map(([name, ca]) => [name, write(`${name}.crt`, ca.certPem)]));
    for (const item of pki.items) {
      if (item.row.kind !== 'leaf' && item.row.kind !== 'kubeconfig') continue;
      const caFile = caFiles.get(item.row.ca) ?? '';
      if (item.row.kind === 'leaf') {
        written.set(item.id, { cert: write(`${item.id}.crt`, fileOf(pki, item.id, item.row.certPath)), key: write(`${item.id}.key`, fileOf(pki, item.id, item.row.keyPath)), caFile });
      } else {
        const config = parseKubeconfig(fileOf(pki, item.id, item.row.path));
        assert.ok(config !== undefined, `${item.id} parses`);
        written.set(item.id, { cert: write(`${item.id}.crt`, config.clientCertPem), key: write(`${item.id}.key`, config.clientKeyPem), caFile });
      }
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('chains every leaf and kubeconfig certificate to its CA (openssl verify)', () => {
    assert.equal(written.size, 34);
    const byCa = Map.groupBy(written.values(), (files) => files.caFile);
    for (const [caFile, group] of byCa) {
      const certs = group.map((files) => files.cert);
      const lines = openssl('verify', '-CAfile', caFile, ...certs).trim().split('\n');
      assert.deepEqual(lines, certs.map((cert) => `${cert}: OK`));
    }
    const foreign = spawnSync('openssl', ['verify', '-CAfile', written.get('etcd-peer@cp1')?.caFile ?? '', written.get('apiserver@cp1')?.cert ?? ''], { encoding: 'utf8' });
    assert.notEqual(foreign.status, 0, 'a certificate of another CA must not verify');
    assert.match(foreign.stderr, /unable to get local issuer certificate/);
  });

  it('pairs every key with its certificate', () => {
    for (const [id, files] of written) {
      assert.ok(new X509Certificate(readFileSync(files.cert)).checkPrivateKey(createPrivateKey(readFileSync(files.key))), id);
    }
    for (const id of ['apiserver@cp1', 'etcd-peer@cp2', 'admin.conf']) {
      const files = written.get(id);
      assert.ok(files !== undefined);
      assert.equal(openssl('pkey', '-in', files.key, '-pubout'), openssl('x509', '-in', files.cert, '-noout', '-pubkey'), id);
    }
    const saPub = fileOf(pki, 'sa', '/etc/kubernetes/pki/sa.pub');
    assert.equal(openssl('pkey', '-in', write('sa.key', fileOf(pki, 'sa', '/etc/kubernetes/pki/sa.key')), '-pubout'), saPub);
  });

  it('gives the API server kubeadm\'s SANs plus 127.0.0.1 for the node-local load balancer', () => {
    const text = openssl('x509', '-in', written.get('apiserver@cp2')?.cert ?? '', '-noout', '-text');
    assert.match(text, /Subject: CN = kube-apiserver\n/);
    assert.deepEqual(sans(text), [
      'DNS:api.kit.test', 'DNS:cp2', 'DNS:k8s.kit.test', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
      'DNS:kubernetes.default.svc.cluster.local', 'DNS:localhost',
      'IP Address:10.96.0.1', 'IP Address:127.0.0.1', 'IP Address:198.18.0.100', 'IP Address:198.18.0.12',
    ]);
    assert.match(text, /Extended Key Usage: \n\s+TLS Web Server Authentication\n/);
    assert.match(text, /Key Usage: critical\n\s+Digital Signature, Key Encipherment\n/);
    assert.match(text, /Basic Constraints: critical\n\s+CA:FALSE/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
  });

  it('gives etcd server and peer certificates the node\'s name, address and loopback', () => {
    for (const id of ['etcd-server@cp3', 'etcd-peer@cp3']) {
      const text = openssl('x509', '-in', written.get(id)?.cert ?? '', '-noout', '-text');
      assert.match(text, /Subject: CN = cp3\n/, id);
      assert.match(text, /Issuer: CN = etcd-ca\n/, id);
      assert.deepEqual(sans(text), ['DNS:cp3', 'DNS:localhost', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:127.0.0.1', 'IP Address:198.18.0.13'], id);
      assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/, id);
    }
  });

  it('issues client certificates with kubeadm\'s subjects', () => {
    const expected: Record<string, string> = {
      'apiserver-kubelet-client@cp1': 'O = kubeadm:cluster-admins, CN = kube-apiserver-kubelet-client',
      'apiserver-etcd-client@cp1': 'CN = kube-apiserver-etcd-client',
      'front-proxy-client@cp1': 'CN = front-proxy-client',
      'etcd-healthcheck-client@cp1': 'CN = kube-etcd-healthcheck-client',
      'admin.conf': 'O = kubeadm:cluster-admins, CN = kubernetes-admin',
      'super-admin.conf': 'O = system:masters, CN = kubernetes-super-admin',
      'controller-manager.conf@cp2': 'CN = system:kube-controller-manager',
      'scheduler.conf@cp3': 'CN = system:kube-scheduler',
      'kube-proxy.conf': 'CN = system:kube-proxy',
      'kubelet.conf@w1': 'O = system:nodes, CN = system:node:w1',
    };
    for (const [id, subject] of Object.entries(expected)) {
      const text = openssl('x509', '-in', written.get(id)?.cert ?? '', '-noout', '-text');
      assert.match(text, new RegExp(`Subject: ${subject}\\n`), id);
      assert.match(text, /Extended Key Usage: \n\s+TLS Web Client Authentication\n/, id);
      assert.deepEqual(sans(text), [], id);
    }
  });

  it('makes CAs valid 10 years and leaves 1 year, both backdated 5 minutes', () => {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    for (const [name, ca] of pki.cas) {
      const text = openssl('x509', '-in', write(`check-${name}.crt`, ca.certPem), '-noout', '-text');
      assert.deepEqual(validity(text), { start: nowSeconds - 300, end: nowSeconds + 3650 * DAY }, name);
      assert.match(text, /Basic Constraints: critical\n\s+CA:TRUE/, name);
      assert.match(text, /Key Usage: critical\n\s+Digital Signature, Key Encipherment, Certificate Sign\n/, name);
    }
    for (const id of ['apiserver@cp1', 'kubelet.conf@w1', 'etcd-healthcheck-client@cp3']) {
      const text = openssl('x509', '-in', written.get(id)?.cert ?? '', '-noout', '-text');
      assert.deepEqual(validity(text), { start: nowSeconds - 300, end: nowSeconds + 365 * DAY }, id);
    }
    for (const [id, files] of written) {
      const cert = new X509Certificate(readFileSync(files.cert));
      assert.equal(cert.validToDate.getTime() - cert.validFromDate.getTime(), (365 * DAY + 300) * 1000, id);
    }
  });
});

function sans(text: string): string[] {
  const line = /Subject Alternative Name: \n\s+(.*)\n/.exec(text)?.[1];
  return line === undefined ? [] : line.split(', ').sort();
}

/** notBefore/notAfter in Unix seconds, read from `openssl x509 -text`. */
function validity(text: string): { start: number; end: number } {
  const date = (label: string): number => Date.parse(new RegExp(`${label}\\s*: (.*)\\n`).exec(text)?.[1] ?? '') / 1000;
  return { start: date('Not Before'), end: date('Not After') };
}
