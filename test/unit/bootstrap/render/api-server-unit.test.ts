import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderApiServerUnit } from '../../../../src/bootstrap/render/api-server-unit.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster } from '../fixtures.ts';
import { execStartFlags, parseUnit } from '../parse-unit.ts';

const REQUIRED: Readonly<Record<string, string>> = {
  'advertise-address': '198.18.0.11',
  'secure-port': '6443',
  'authorization-mode': 'Node,RBAC',
  'enable-admission-plugins': 'NodeRestriction',
  'enable-bootstrap-token-auth': 'true',
  'client-ca-file': '/etc/kubernetes/pki/ca.crt',
  'etcd-servers': 'https://127.0.0.1:2379',
  'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
  'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
  'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
  'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
  'service-account-key-file': '/etc/kubernetes/pki/sa.pub',
  'service-account-signing-key-file': '/etc/kubernetes/pki/sa.key',
  'service-cluster-ip-range': '10.96.0.0/12',
  'requestheader-client-ca-file': '/etc/kubernetes/pki/front-proxy-ca.crt',
  'proxy-client-cert-file': '/etc/kubernetes/pki/front-proxy-client.crt',
};

const flagsFor = (...args: Parameters<typeof testCluster>) =>
  execStartFlags(parseUnit(renderApiServerUnit({ cluster: testCluster(...args), node: controlPlaneNode() })));

describe('renderApiServerUnit', () => {
  for (const version of ALL_VERSIONS) {
    it(`${version}: carries kubeadm's required flags`, () => {
      const flags = flagsFor(version);
      for (const [name, value] of Object.entries(REQUIRED)) assert.deepEqual(flags.get(name), [value], name);
    });
  }

  it('binds the node address only when the node-local load balancer needs 127.0.0.1:6443', () => {
    assert.deepEqual(flagsFor('v1.37').get('bind-address'), ['198.18.0.11']);
    const single = testCluster('v1.37', { controlPlanes: [{ name: 'cp1', ip: '198.18.0.11' }] });
    assert.ok(!execStartFlags(parseUnit(renderApiServerUnit({ cluster: single, node: controlPlaneNode() }))).has('bind-address'));
    const external = flagsFor('v1.37', { controlPlaneEndpoint: { host: 'api.example.com', port: 6443 } });
    assert.ok(!external.has('bind-address'));
  });

  it('adds audit and encryption flags only when those features are on', () => {
    const plain = flagsFor('v1.37');
    for (const name of ['audit-policy-file', 'audit-log-path', 'encryption-provider-config']) assert.ok(!plain.has(name), name);
    const full = flagsFor('v1.37', { features: { auditLog: true, encryptionAtRest: true, kubeletServerTlsBootstrap: false } });
    assert.deepEqual(full.get('audit-policy-file'), ['/etc/kubernetes/audit-policy.yaml']);
    assert.deepEqual(full.get('audit-log-path'), ['/var/log/kubernetes/audit/audit.log']);
    assert.deepEqual(full.get('encryption-provider-config'), ['/etc/kubernetes/encryption-config.yaml']);
  });

  it('uses the cluster\'s DNS domain for the service-account issuer', () => {
    assert.deepEqual(flagsFor('v1.20', { dnsDomain: 'corp.internal' }).get('service-account-issuer'), ['https://kubernetes.default.svc.corp.internal']);
  });
});
