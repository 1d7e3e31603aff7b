import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostUnreachableError } from '../../../src/errors/ssh-errors.ts';
import { collectStatus, type StatusHost } from '../../../src/status/collect-status.ts';
import { renderStatus } from '../../../src/status/render-status.ts';
import { statusFindings } from '../../../src/status/status-findings.ts';
import type { PkiClusterSpec } from '../../../src/certs/pki-cluster-spec.ts';
import { exit, FakeNode } from '../bootstrap/fake-node.ts';
import { testCluster } from '../bootstrap/fixtures.ts';

const cluster = testCluster('v1.20', { name: 'lab' });
const HOSTS: StatusHost[] = [
  { name: 'cp1', address: '198.18.0.11', ip: '198.18.0.11', roles: ['control-plane'] },
  { name: 'cp2', address: '198.18.0.12', ip: '198.18.0.12', roles: ['control-plane'] },
  { name: 'cp3', address: '198.18.0.13', ip: '198.18.0.13', roles: ['control-plane'] },
  { name: 'w1', address: '198.18.0.21', ip: '198.18.0.21', roles: ['worker'] },
];
const pki: PkiClusterSpec = {
  clusterName: 'kubernetes', kubernetesMinor: 20, controlPlaneEndpoint: { host: '127.0.0.1', port: 6443 }, serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local', extraSans: [],
  controlPlanes: HOSTS.slice(0, 3).map((host) => ({ name: host.name, internalAddress: host.ip, tlsBootstrap: false })),
  workers: [{ name: 'w1', internalAddress: '198.18.0.21', tlsBootstrap: true }],
  validity: { leafSeconds: 365 * 86_400, caSeconds: 3650 * 86_400 }, keyAlgorithm: 'ecdsa-p256',
};

const node = (name: string, ready: boolean): object => ({ metadata: { name, labels: {} }, spec: { podCIDR: '10.244.1.0/24' }, status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }], nodeInfo: { kubeletVersion: 'v1.20.2' } } });
const MEMBERS = ['aa, started, cp1, https://198.18.0.11:2380, https://198.18.0.11:2379, false', 'bb, started, cp2, https://198.18.0.12:2380, https://198.18.0.12:2379, false', 'cc, started, cp3, https://198.18.0.13:2380, https://198.18.0.13:2379, false'].join('\n');

/** A host with every expected unit installed and running; its cluster reads answered as a 4-node cluster would. */
function healthyHost(spec: StatusHost): FakeNode {
  const host = new FakeNode(spec.name, spec.address);
  const units = ['containerd', 'kit-overlay', 'kubelet', 'kube-proxy', 'kube-apiserver-lb', ...(spec.roles.includes('control-plane') ? ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] : [])];
  for (const unit of units) {
    host.files.set(`/etc/systemd/system/${unit}.service`, { content: '', mode: 0o644 });
    host.start(`${unit}.service`);
  }
  host.handlers.push((argv) => {
    if (argv.includes('kit-read-files')) return exit(0, argv.slice(4).map((_, index) => `@@kit ${index} missing`).join('\n'));
    if (argv.includes('nodes')) return exit(0, JSON.stringify({ items: [node('cp1', true), node('cp2', true), node('cp3', false), node('w1', true)] }));
    if (argv.includes('member')) return exit(0, MEMBERS);
    return undefined;
  });
  return host;
}

describe('collectStatus', () => {
  it('reports a stopped API server and an unreachable control plane, and reads the cluster through a healthy one', async () => {
    const hosts = new Map(HOSTS.map((spec) => [spec.name, healthyHost(spec)]));
    const cp2 = hosts.get('cp2');
    cp2?.units.set('kube-apiserver.service', { enabled: true, active: false, pid: 0, invocation: 1, restarts: 0 });
    const w1 = hosts.get('w1');
    if (w1 !== undefined) w1.unit('kubelet.service').restarts = 3;
    const status = await collectStatus({
      cluster, pki, hosts: HOSTS, overlay: true, concurrency: 4, now: new Date('2026-01-01T00:00:00Z'),
      connect: (spec) => (spec.name === 'cp3' ? Promise.reject(new HostUnreachableError('cp3', '198.18.0.13:22', 'connect ETIMEDOUT')) : Promise.resolve(hosts.get(spec.name) as FakeNode)),
    });
    assert.equal(status.reads.apiFrom, 'cp1');
    assert.equal(status.reads.etcdFrom, 'cp1');
    const byName = new Map(status.hosts.map((host) => [host.name, host]));
    assert.equal(byName.get('cp3')?.reachable, false);
    assert.equal(byName.get('cp3')?.node?.ready, false, 'the API\'s view of an unreachable host is kept');
    assert.deepEqual(byName.get('cp2')?.units.filter((unit) => !unit.up).map((unit) => `${unit.name} ${unit.state}`), ['kube-apiserver inactive']);
    assert.equal(byName.get('cp1')?.units.every((unit) => unit.up), true);
    assert.equal(byName.get('w1')?.units.length, 5);

    const findings = statusFindings(status);
    const down = findings.down.map((finding) => `${finding.host ?? '-'}: ${finding.text}`);
    assert.ok(down.includes('cp2: kube-apiserver is inactive (dead)'), down.join('\n'));
    assert.ok(down.some((line) => line.startsWith('cp3: unreachable over SSH: ')), down.join('\n'));
    assert.ok(down.includes('cp3: Node not Ready: NodeStatusUnknown: Kubelet stopped posting node status.'), down.join('\n'));
    assert.equal(down.filter((line) => line.startsWith('cp1') || line.startsWith('w1')).length, 0, down.join('\n'));
    assert.ok(findings.warnings.some((finding) => finding.host === 'w1' && /kubelet was restarted 3 time/u.test(finding.text)));

    const text = renderStatus(status, findings);
    assert.match(text, /^cp3 +control-plane +DOWN +- +NotReady /mu);
    assert.match(text, /^cp2 +control-plane +ok +8\/9 up +Ready /mu);
    assert.match(text, /^down \(\d+\):$/mu);
  });
});
