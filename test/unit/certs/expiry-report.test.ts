import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import type { CertExpiry } from '../../../src/certs/expiry-report.ts';
import { expiryReadRequest, expiryReport } from '../../../src/certs/expiry-report.ts';
import { formatResidual, renderExpiryTable } from '../../../src/certs/expiry-table.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import type { RemoteFiles } from '../../../src/certs/remote-files.ts';
import { hostsAfterDelivery, testSpec } from './pki-fixtures.ts';

const HOUR = 3_600;
const spec = testSpec({ keyAlgorithm: 'ecdsa-p256', validity: { leafSeconds: 2 * HOUR } });
const now = new Date();

/** What readRemoteFiles would return after delivery: the requested contents, every path's existence. */
function asRead(pki: Pki, edit: (files: Map<string, Map<string, Buffer>>) => void = () => undefined): Map<string, RemoteFiles> {
  const hosts = hostsAfterDelivery(pki);
  edit(hosts);
  const request = expiryReadRequest(spec);
  return new Map([...hosts].map(([name, files]) => [name, {
    files: new Map([...files].filter(([path]) => request.contents.includes(path))),
    present: new Set([...files.keys()]),
  }]));
}

function entry(certificates: readonly CertExpiry[], host: string, name: string): CertExpiry {
  const found = certificates.find((candidate) => candidate.host === host && candidate.name === name);
  assert.ok(found !== undefined, `no ${name} on ${host}`);
  return found;
}

describe('expiryReport', () => {
  let pki: Pki;
  let other: Pki;

  before(async () => {
    [pki, other] = await Promise.all([buildPki({ spec, now }), buildPki({ spec, now })]);
  });

  it('lists every certificate of every host with expiry, residual time and issuing CA', () => {
    const report = expiryReport({ spec, onHosts: asRead(pki), now, warnWithinSeconds: 30 * 86_400 });
    const server = entry(report.certificates, 'cp2', 'etcd-server');
    assert.equal(server.id, 'etcd-server@cp2');
    assert.equal(server.issuer, 'etcd-ca');
    assert.equal(server.status, 'expiring');
    assert.ok(server.warn);
    assert.ok(server.residualSeconds !== undefined && server.residualSeconds > 2 * HOUR - 60 && server.residualSeconds <= 2 * HOUR);
    assert.equal(server.externallyManaged, false);
    assert.equal(server.renewedBy, 'kit');
    const ca = entry(report.certificates, 'w1', 'ca');
    assert.equal(ca.status, 'valid');
    assert.equal(ca.renewedBy, 'operator');
    const kubeconfig = entry(report.certificates, 'w1', 'kubelet.conf');
    assert.equal(kubeconfig.issuer, 'ca');
    assert.equal(kubeconfig.subject, 'O=system:nodes, CN=system:node:w1');
    // cp: 3 CAs + 7 leaves + 6 kubeconfigs (super-admin at 1.31); w1: ca, kube-proxy.conf, kubelet.conf; w2: ca, kube-proxy.conf.
    assert.equal(report.certificates.length, 3 * 16 + 3 + 2);
    assert.ok(report.certificates.every((certificate) => certificate.status === 'valid' || certificate.status === 'expiring'));
  });

  it('does not warn with a threshold below the time left', () => {
    const report = expiryReport({ spec, onHosts: asRead(pki), now, warnWithinSeconds: HOUR });
    assert.deepEqual(report.certificates.filter((certificate) => certificate.warn), []);
    const later = expiryReport({ spec, onHosts: asRead(pki), now: new Date(now.getTime() + 3 * HOUR * 1000), warnWithinSeconds: HOUR });
    assert.equal(entry(later.certificates, 'cp1', 'apiserver').status, 'expired');
  });

  it('marks a CA whose key is on no control plane as externally managed, with its leaves', () => {
    const report = expiryReport({ spec, now, warnWithinSeconds: HOUR, onHosts: asRead(pki, (hosts) => {
      for (const files of hosts.values()) files.delete('/etc/kubernetes/pki/etcd/ca.key');
    }) });
    assert.equal(entry(report.certificates, 'cp1', 'etcd-peer').externallyManaged, true);
    assert.equal(entry(report.certificates, 'cp1', 'etcd-peer').renewedBy, 'operator');
    assert.equal(entry(report.certificates, 'cp1', 'apiserver').externallyManaged, false);
  });

  it('reports a certificate another CA signed, and one that is missing or unreadable', () => {
    const foreign = other.items.find((item) => item.id === 'etcd-healthcheck-client@cp3')?.files[0]?.content ?? '';
    const report = expiryReport({ spec, now, warnWithinSeconds: HOUR, onHosts: asRead(pki, (hosts) => {
      hosts.get('cp3')?.set('/etc/kubernetes/pki/etcd/healthcheck-client.crt', Buffer.from(foreign));
      hosts.get('cp2')?.delete('/etc/kubernetes/pki/apiserver.crt');
      hosts.get('cp1')?.set('/etc/kubernetes/pki/front-proxy-client.crt', Buffer.from('not a certificate'));
    }) });
    const stranger = entry(report.certificates, 'cp3', 'etcd-healthcheck-client');
    assert.equal(stranger.status, 'foreign');
    assert.equal(stranger.issuer, 'CN=etcd-ca');
    assert.match(stranger.problem ?? '', /not signed by the etcd-ca CA/);
    assert.equal(entry(report.certificates, 'cp2', 'apiserver').status, 'missing');
    assert.equal(entry(report.certificates, 'cp1', 'front-proxy-client').status, 'unreadable');
  });

  it('flags a host holding another CA than the control planes', () => {
    const otherCa = other.items.find((item) => item.id === 'ca')?.files[0]?.content ?? '';
    const report = expiryReport({ spec, now, warnWithinSeconds: HOUR, onHosts: asRead(pki, (hosts) => hosts.get('w2')?.set('/etc/kubernetes/pki/ca.crt', Buffer.from(otherCa))) });
    assert.equal(entry(report.certificates, 'w2', 'ca').status, 'foreign');
    assert.match(entry(report.certificates, 'w2', 'ca').problem ?? '', /differs from the ca CA on cp1/);
  });

  it('includes the kubelet\'s own certificates when a node has them', () => {
    const client = other.items.find((item) => item.id === 'apiserver-kubelet-client@cp1');
    const bundle = `${client?.files[0]?.content ?? ''}${client?.files[1]?.content ?? ''}`;
    const kubeletClientSignedByCluster = pki.items.find((item) => item.id === 'apiserver-kubelet-client@cp1');
    const ours = `${kubeletClientSignedByCluster?.files[0]?.content ?? ''}${kubeletClientSignedByCluster?.files[1]?.content ?? ''}`;
    const report = expiryReport({ spec, now, warnWithinSeconds: HOUR, onHosts: asRead(pki, (hosts) => {
      hosts.get('w2')?.set('/var/lib/kubelet/pki/kubelet-client-current.pem', Buffer.from(ours));
      hosts.get('w1')?.set('/var/lib/kubelet/pki/kubelet-client-current.pem', Buffer.from(bundle));
    }) });
    const w2 = entry(report.certificates, 'w2', 'kubelet-client-current');
    assert.equal(w2.issuer, 'ca');
    assert.equal(w2.renewedBy, 'kubelet');
    assert.equal(w2.kind, 'kubelet');
    assert.equal(entry(report.certificates, 'w1', 'kubelet-client-current').status, 'foreign');
    assert.ok(!report.certificates.some((certificate) => certificate.name === 'kubelet-serving'), 'absent kubelet files are not reported missing');
  });

  it('accepts a kubelet serving certificate signed by the kubelet\'s own CA in the same file, and skips a TLS-bootstrapped kubelet.conf', () => {
    const leaf = pki.items.find((item) => item.id === 'apiserver@cp1')?.files[0]?.content ?? '';
    const ca = pki.items.find((item) => item.id === 'ca')?.files[0]?.content ?? '';
    const report = expiryReport({ spec, now, warnWithinSeconds: HOUR, onHosts: asRead(pki, (hosts) => {
      hosts.get('w2')?.set('/var/lib/kubelet/pki/kubelet.crt', Buffer.from(`${leaf}${ca}`));
      hosts.get('w1')?.set('/var/lib/kubelet/pki/kubelet.crt', Buffer.from(leaf));
      hosts.get('w2')?.set('/etc/kubernetes/kubelet.conf', Buffer.from('users:\n- user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n'));
    }) });
    assert.equal(entry(report.certificates, 'w2', 'kubelet-serving').status, 'valid');
    assert.equal(entry(report.certificates, 'w1', 'kubelet-serving').status, 'foreign', 'a leaf without its signer in the file');
    assert.ok(!report.certificates.some((certificate) => certificate.host === 'w2' && certificate.name === 'kubelet.conf'));
  });

  it('renders a table per host with warnings marked', () => {
    const report = expiryReport({ spec, onHosts: asRead(pki), now, warnWithinSeconds: 30 * 86_400 });
    const text = renderExpiryTable(report, { highlight: (line) => `<${line}>` });
    assert.match(text, /== cp1\n +CERTIFICATE +EXPIRES +RESIDUAL +AUTHORITY +EXTERNALLY MANAGED +STATUS/);
    assert.match(text, /<! +etcd-server +\d{4}-\d\d-\d\d \d\d:\d\d UTC +1h59m +etcd-ca +no +expiring>/);
    assert.match(text, /\n {3}ca \(CA\) +\S+ \S+ UTC +3649d +ca +no +valid\n/);
    assert.match(text, /certificate\(s\) marked ! need attention \(threshold 30d\)/);
  });

  it('formats residual time coarsely', () => {
    assert.deepEqual([364 * 86_400 + 5, 47 * HOUR, 11 * HOUR + 5, 2 * HOUR - 60, 125, 59].map(formatResidual), ['364d', '47h', '11h', '1h59m', '2m', '59s']);
  });
});
