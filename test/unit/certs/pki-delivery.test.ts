import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { deliverPki, expectedPaths, planPkiDelivery, readExistingPki } from '../../../src/certs/pki-delivery.ts';
import { PkiError } from '../../../src/certs/pki-error.ts';
import { MemoryHost, testSpec } from './pki-fixtures.ts';

const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });

describe('PKI delivery', () => {
  let pki: Pki;

  before(async () => {
    pki = await buildPki({ spec });
  });

  it('plans CA keys for control planes only and 0600 for every key', () => {
    const plan = planPkiDelivery(pki);
    assert.deepEqual([...plan.keys()].sort(), ['cp1', 'cp2', 'cp3', 'w1', 'w2']);
    assert.deepEqual(plan.get('w1')?.map((upload) => upload.path), ['/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/kube-proxy.conf', '/etc/kubernetes/kubelet.conf']);
    assert.deepEqual(plan.get('w2')?.map((upload) => upload.path), ['/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/kube-proxy.conf']);
    for (const [host, uploads] of plan) {
      for (const upload of uploads) {
        const secret = upload.path.endsWith('.key') || upload.path.endsWith('.conf');
        assert.equal(upload.mode, secret ? 0o600 : 0o644, `${host}:${upload.path}`);
        assert.equal(upload.owner, 'root:root');
      }
    }
    assert.equal(plan.get('cp2')?.length, 28);
  });

  it('uploads each host its files, then nothing on a second run, and reads them back', async () => {
    const hosts = ['cp1', 'cp2', 'cp3', 'w1', 'w2'].map((name) => new MemoryHost(name));
    const changed = await deliverPki(pki, { hosts });
    assert.equal(changed.get('cp1')?.length, 28);
    assert.equal(hosts[0]?.files.get('/etc/kubernetes/pki/ca.key')?.mode, 0o600);
    assert.deepEqual(hosts[3]?.commands, [['mkdir', '-p', '/etc/kubernetes/pki', '/etc/kubernetes']]);
    const again = await deliverPki(pki, { hosts });
    assert.deepEqual([...again.values()].flat(), []);
    const onHosts = await readExistingPki(spec, { hosts });
    assert.equal(onHosts.get('cp3')?.size, expectedPaths(spec, 'cp3').length);
    const rebuilt = await buildPki({ spec, existing: { onHosts } });
    assert.ok(rebuilt.decisions.every((decision) => decision.action === 'reused'));
  });

  it('refuses a host that is no node of the cluster', async () => {
    await assert.rejects(deliverPki(pki, { hosts: [new MemoryHost('stranger')] }), PkiError);
  });
});
