import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { exportPki, importPki } from '../../../src/certs/pki-dir.ts';
import { testSpec } from './pki-fixtures.ts';

const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });

describe('exportPki / importPki (--pki-dir)', () => {
  let dir = '';
  let pki: Pki;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kit-pki-dir-'));
    pki = await buildPki({ spec });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes kubeadm\'s layout, per-node files under nodes/, keys 0600', async () => {
    const written = await exportPki(pki, join(dir, 'all'));
    const relative = written.map((path) => path.slice(join(dir, 'all').length + 1));
    for (const expected of ['ca.crt', 'ca.key', 'etcd/ca.key', 'sa.pub', 'admin.conf', 'kube-proxy.conf', 'nodes/cp2/apiserver.crt', 'nodes/cp3/etcd/peer.key', 'nodes/w1/kubelet.conf']) {
      assert.ok(relative.includes(expected), expected);
    }
    assert.equal(statSync(join(dir, 'all', 'ca.key')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'all', 'nodes/w1/kubelet.conf')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'all', 'ca.crt')).mode & 0o777, 0o644);
    assert.equal(statSync(join(dir, 'all', 'nodes')).mode & 0o777, 0o700);
  });

  it('reads back into a PKI that a re-run keeps whole', async () => {
    const inHand = await importPki(join(dir, 'all'));
    assert.equal(inHand.cluster.get('/etc/kubernetes/pki/etcd/ca.crt')?.toString(), pki.cas.get('etcd-ca')?.certPem);
    assert.ok(inHand.cluster.has('/etc/kubernetes/admin.conf'));
    assert.ok(inHand.nodes.get('cp1')?.has('/etc/kubernetes/controller-manager.conf'));
    const again = await buildPki({ spec, existing: { inHand } });
    assert.deepEqual(again.decisions.filter((decision) => decision.action !== 'reused'), []);
    assert.equal(again.decisions[0]?.source, `--pki-dir ${join(dir, 'all')}`);
  });

  it('exports only cluster-wide files when asked', async () => {
    const written = await exportPki(pki, join(dir, 'cluster'), { scope: 'cluster' });
    assert.ok(written.every((path) => !path.includes('/nodes/')));
    const again = await buildPki({ spec, existing: { inHand: await importPki(join(dir, 'cluster')) } });
    assert.equal(again.cas.get('ca')?.cert.fingerprint256, pki.cas.get('ca')?.cert.fingerprint256);
    assert.equal(again.decisions.find((decision) => decision.id === 'apiserver@cp1')?.action, 'generated');
  });
});
