import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCertList } from '../../../src/certs/describe-cert-list.ts';
import { testSpec } from './pki-fixtures.ts';

describe('describeCertList', () => {
  const entries = describeCertList(testSpec({ kubernetesMinor: 28, controlPlaneEndpoint: { host: '198.18.0.100', port: 6443 } }));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));

  it('lists every instance with subject, issuer, paths and hosts', () => {
    assert.deepEqual(byId.get('kubelet.conf@w1'), {
      id: 'kubelet.conf@w1', name: 'kubelet.conf', kind: 'kubeconfig', description: 'the kubelet of a node that does not TLS-bootstrap',
      subject: 'O=system:nodes, CN=system:node:w1', sans: [], issuer: 'CN=kubernetes', usage: 'client', validitySeconds: 365 * 86_400,
      paths: ['/etc/kubernetes/kubelet.conf'], hosts: ['w1'],
    });
    assert.deepEqual(byId.get('etcd-ca')?.hosts, ['cp1', 'cp2', 'cp3']);
    assert.equal(byId.get('sa')?.subject, '');
  });

  it('follows the Kubernetes minor: no super-admin.conf and system:masters before 1.29', () => {
    assert.equal(byId.has('super-admin.conf'), false);
    assert.equal(byId.get('admin.conf')?.subject, 'O=system:masters, CN=kubernetes-admin');
    assert.equal(byId.get('apiserver-kubelet-client@cp1')?.subject, 'O=system:masters, CN=kube-apiserver-kubelet-client');
  });

  it('does not list the endpoint twice when it is an extra SAN too', () => {
    const sans = byId.get('apiserver@cp1')?.sans ?? [];
    assert.equal(sans.filter((san) => san === '198.18.0.100').length, 1);
    assert.ok(sans.includes('127.0.0.1') && sans.includes('10.96.0.1'));
  });
});
