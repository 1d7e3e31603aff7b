import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import { CERT_LIST } from '../../../src/certs/cert-list.ts';
import type { CertRow } from '../../../src/certs/cert-row.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { deliverPki } from '../../../src/certs/pki-delivery.ts';
import { MemoryHost, testSpec } from './pki-fixtures.ts';

/** Paths of a row that hold private key material: key files and kubeconfigs (they embed a client key). */
function secretPaths(row: CertRow): string[] {
  switch (row.kind) {
    case 'ca':
    case 'leaf':
      return [row.keyPath];
    case 'keypair':
      return [row.privateKeyPath];
    case 'kubeconfig':
      return [row.path];
  }
}

// The newest minor any row needs, so every row of CERT_LIST is in play; w2 keeps its kubelet.conf.
const minor = Math.max(31, ...CERT_LIST.map((row) => row.sinceMinor ?? 0));
const spec = testSpec({ keyAlgorithm: 'ecdsa-p256', kubernetesMinor: minor, workers: [{ name: 'w1', internalAddress: '198.18.0.21' }, { name: 'w2', internalAddress: '198.18.0.22' }] });

describe('key files on hosts are 0600 root:root', () => {
  let pki: Pki;
  let hosts: MemoryHost[];

  before(async () => {
    pki = await buildPki({ spec });
    hosts = ['cp1', 'cp2', 'cp3', 'w1', 'w2'].map((name) => new MemoryHost(name));
    await deliverPki(pki, { hosts });
  });

  it('delivers every CERT_LIST key path to some host, and 0600 root:root on each', () => {
    for (const row of CERT_LIST) {
      for (const template of secretPaths(row)) {
        const holders = hosts.filter((host) => host.files.has(template));
        assert.ok(holders.length > 0, `${row.name}: ${template} reached no host`);
        for (const host of holders) {
          const file = host.files.get(template);
          assert.equal(file?.mode, 0o600, `${host.name}:${template} has mode ${file?.mode.toString(8)}`);
          assert.equal(file?.owner, 'root:root', `${host.name}:${template}`);
        }
      }
    }
  });

  it('gives 0600 to every delivered file holding a key, whatever its name', () => {
    let keys = 0;
    for (const host of hosts) {
      for (const [path, file] of host.files) {
        const text = file.content.toString('utf8');
        if (!text.includes('PRIVATE KEY') && !text.includes('client-key-data')) continue;
        keys += 1;
        assert.equal(file.mode, 0o600, `${host.name}:${path}`);
      }
    }
    assert.ok(keys >= 30, `only ${keys} key files were delivered`);
  });

  it('tightens a key file whose mode was loosened on the host when delivering again', async () => {
    const cp1 = hosts[0];
    const key = cp1?.files.get('/etc/kubernetes/pki/ca.key');
    assert.ok(cp1 !== undefined && key !== undefined);
    cp1.files.set('/etc/kubernetes/pki/ca.key', { ...key, mode: 0o644 });
    const changed = await deliverPki(pki, { hosts });
    assert.deepEqual(changed.get('cp1'), ['/etc/kubernetes/pki/ca.key']);
    assert.equal(cp1.files.get('/etc/kubernetes/pki/ca.key')?.mode, 0o600);
  });
});
