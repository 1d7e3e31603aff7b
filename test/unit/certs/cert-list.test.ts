import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CERT_LIST, KUBECONFIG_DIR, PKI_DIR, rowsForMinor } from '../../../src/certs/cert-list.ts';
import type { CertRow } from '../../../src/certs/cert-row.ts';
import { adminsGroup, resolveSubject } from '../../../src/certs/cert-request.ts';
import { rowInstances } from '../../../src/certs/row-instances.ts';
import { testSpec } from './pki-fixtures.ts';

function paths(row: CertRow): string[] {
  switch (row.kind) {
    case 'ca':
    case 'leaf':
      return [row.certPath, row.keyPath];
    case 'keypair':
      return [row.privateKeyPath, row.publicKeyPath];
    case 'kubeconfig':
      return [row.path];
  }
}

describe('CERT_LIST', () => {
  it('names every signed row\'s CA as an earlier CA row', () => {
    const seenCas = new Set<string>();
    for (const row of CERT_LIST) {
      if (row.kind === 'ca') seenCas.add(row.name);
      if (row.kind === 'leaf' || row.kind === 'kubeconfig') {
        assert.ok(seenCas.has(row.ca), `${row.name} is signed by ${row.ca}, which is not an earlier CA row`);
      }
    }
    assert.deepEqual([...seenCas], ['ca', 'front-proxy-ca', 'etcd-ca']);
  });

  it('has unique names and unique paths in kubeadm\'s layout', () => {
    assert.equal(new Set(CERT_LIST.map((row) => row.name)).size, CERT_LIST.length);
    const all = CERT_LIST.flatMap(paths);
    assert.equal(new Set(all).size, all.length);
    for (const path of all) {
      assert.ok(path.startsWith(`${PKI_DIR}/`) || (path.startsWith(`${KUBECONFIG_DIR}/`) && path.endsWith('.conf')), path);
    }
  });

  it('keeps CA keys and the service-account key on control planes only', () => {
    for (const row of CERT_LIST) {
      if (row.kind === 'ca') assert.equal(row.keyHosts, 'control-planes');
      if (row.kind === 'keypair') assert.equal(row.hosts, 'control-planes');
      if (row.kind === 'leaf') assert.equal(row.hosts, 'control-planes', `${row.name}: only control planes hold leaf keys`);
    }
  });

  it('is immutable, down to nested subjects', () => {
    const row = CERT_LIST[0] as { subject: { commonName: string } };
    assert.throws(() => {
      (CERT_LIST as CertRow[]).push(CERT_LIST[0] as CertRow);
    }, TypeError);
    assert.throws(() => {
      row.subject.commonName = 'evil';
    }, TypeError);
  });

  it('has kubeadm\'s subjects', () => {
    const subjects = Object.fromEntries(CERT_LIST.filter((row) => row.kind !== 'keypair').map((row) => [row.name, row.subject.commonName]));
    assert.equal(subjects['ca'], 'kubernetes');
    assert.equal(subjects['apiserver'], 'kube-apiserver');
    assert.equal(subjects['apiserver-kubelet-client'], 'kube-apiserver-kubelet-client');
    assert.equal(subjects['apiserver-etcd-client'], 'kube-apiserver-etcd-client');
    assert.equal(subjects['etcd-healthcheck-client'], 'kube-etcd-healthcheck-client');
    assert.equal(subjects['admin.conf'], 'kubernetes-admin');
    assert.equal(subjects['kube-proxy.conf'], 'system:kube-proxy');
    assert.equal(subjects['kubelet.conf'], 'system:node:{node}');
  });

  it('has super-admin.conf and kubeadm:cluster-admins from 1.29 on, system:masters before', () => {
    assert.ok(rowsForMinor(29).some((row) => row.name === 'super-admin.conf'));
    assert.ok(!rowsForMinor(28).some((row) => row.name === 'super-admin.conf'));
    assert.equal(adminsGroup(28), 'system:masters');
    assert.equal(adminsGroup(29), 'kubeadm:cluster-admins');
    const admin = CERT_LIST.find((row) => row.name === 'admin.conf');
    assert.ok(admin !== undefined && admin.kind === 'kubeconfig');
    assert.deepEqual(resolveSubject(admin.subject, { node: undefined, kubernetesMinor: 28 }).organizations, ['system:masters']);
  });

  it('expands per-node rows once per receiving node', () => {
    const ids = rowInstances(testSpec()).map((instance) => instance.id);
    assert.ok(ids.includes('etcd-peer@cp3'));
    assert.ok(!ids.some((id) => id.startsWith('etcd-peer@w')), 'workers run no etcd');
    assert.ok(ids.includes('kubelet.conf@w1'));
    assert.ok(!ids.includes('kubelet.conf@w2'), 'w2 TLS-bootstraps its kubelet');
    assert.equal(ids.filter((id) => id === 'kube-proxy.conf').length, 1);
  });
});
