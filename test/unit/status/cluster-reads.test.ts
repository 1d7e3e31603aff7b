import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchMembers, nodeView, readApiNodes } from '../../../src/status/cluster-reads.ts';
import { exit, FakeNode } from '../bootstrap/fake-node.ts';
import { testCluster } from '../bootstrap/fixtures.ts';

const NODES = JSON.stringify({ items: [{ metadata: { name: 'cp1', labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '' } }, spec: { podCIDR: '10.244.0.0/24' }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.20.2' } } }] });

describe('nodeView', () => {
  it('reads the roles from node-role labels, sorted, and keeps the NotReady reason', () => {
    const view = nodeView({ name: 'w1', ready: false, why: 'KubeletNotReady: cni not initialized', podCidr: undefined, labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/os': 'linux' }, kubeletVersion: 'v1.20.2' });
    assert.deepEqual(view, { ready: false, why: 'KubeletNotReady: cni not initialized', roles: ['worker'], kubeletVersion: 'v1.20.2' });
  });
});

describe('matchMembers', () => {
  it('matches members to control planes by peer URL and names the ones that belong to none', () => {
    const cluster = testCluster('v1.20');
    const matched = matchMembers(cluster, [
      { id: 'a1', started: true, name: 'cp1', peerUrls: ['https://198.18.0.11:2380'], clientUrls: [], learner: false },
      { id: 'b2', started: false, name: '', peerUrls: ['https://198.18.0.12:2380'], clientUrls: [], learner: false },
      { id: 'c3', started: true, name: 'old', peerUrls: ['https://198.18.0.99:2380'], clientUrls: [], learner: false },
    ]);
    assert.deepEqual(Object.fromEntries(matched.members), { cp1: { member: true, started: true }, cp2: { member: true, started: false }, cp3: { member: false, started: false } });
    assert.deepEqual(matched.unknownMembers, ['old (https://198.18.0.99:2380)']);
  });
});

describe('readApiNodes', () => {
  it('asks control planes with a healthy API server first and falls back to the others', async () => {
    const cluster = testCluster('v1.20');
    const cp1 = new FakeNode('cp1', '198.18.0.11');
    const cp2 = new FakeNode('cp2', '198.18.0.12');
    cp1.handlers.push((argv) => (argv.includes('nodes') ? exit(1, '', 'The connection to the server 127.0.0.1:6443 was refused') : undefined));
    cp2.handlers.push((argv) => (argv.includes('nodes') ? exit(0, NODES) : undefined));
    const read = await readApiNodes(cluster, [{ host: cp1, ip: '198.18.0.11', apiUp: false, etcdUp: true }, { host: cp2, ip: '198.18.0.12', apiUp: true, etcdUp: true }]);
    assert.equal(read.from, 'cp2');
    assert.equal(cp1.commands.length, 0, 'cp1 was asked although cp2 was healthy');
    assert.deepEqual(read.nodes.get('cp1')?.roles, ['control-plane', 'master']);
    const failing = await readApiNodes(cluster, [{ host: cp1, ip: '198.18.0.11', apiUp: true, etcdUp: true }]);
    assert.equal(failing.from, undefined);
    assert.match(failing.error ?? '', /^kubectl get nodes on cp1 failed: .*refused/u);
  });
});
