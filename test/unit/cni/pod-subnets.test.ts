import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworkConfigError } from '../../../src/cni/network-config-error.ts';
import { assignPodSubnets } from '../../../src/cni/pod-subnets.ts';

const CLUSTER = '10.244.0.0/16';

describe('assignPodSubnets', () => {
  it('gives new nodes the lowest free /24s in name order', () => {
    const result = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['node3', 'node1', 'node2'], existing: {} });
    assert.deepEqual([...result.subnets], [['node3', '10.244.2.0/24'], ['node1', '10.244.0.0/24'], ['node2', '10.244.1.0/24']]);
    assert.deepEqual(result.added, ['node1', 'node2', 'node3']);
  });

  it('does not depend on the order of the inventory', () => {
    const a = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['c', 'a', 'b'], existing: {} });
    const b = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['b', 'c', 'a'], existing: {} });
    for (const node of ['a', 'b', 'c']) assert.equal(a.subnets.get(node), b.subnets.get(node));
  });

  it('keeps what the hosts recorded, even when the order or the other nodes change', () => {
    const existing = { node1: '10.244.7.0/24', node2: '10.244.0.0/24' };
    const result = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['node2', 'node1', 'node0'], existing });
    assert.equal(result.subnets.get('node1'), '10.244.7.0/24');
    assert.equal(result.subnets.get('node2'), '10.244.0.0/24');
    assert.equal(result.subnets.get('node0'), '10.244.1.0/24', 'the lowest subnet no one holds');
    assert.deepEqual(result.added, ['node0']);
  });

  it('is stable across re-runs: feeding the result back changes nothing', () => {
    const first = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['n1', 'n2', 'n3'], existing: {} });
    const again = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['n3', 'n2', 'n1'], existing: Object.fromEntries(first.subnets) });
    for (const [node, subnet] of first.subnets) assert.equal(again.subnets.get(node), subnet);
    assert.deepEqual(again.added, []);
  });

  it('releases the subnet of a node that left and reuses it for the next new node', () => {
    const existing = { n1: '10.244.0.0/24', n2: '10.244.1.0/24', n3: '10.244.2.0/24' };
    const removed = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['n1', 'n3'], existing });
    assert.deepEqual(removed.released, ['n2']);
    assert.equal(removed.subnets.get('n3'), '10.244.2.0/24', 'n3 is not moved down');
    const added = assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['n1', 'n3', 'n4'], existing: Object.fromEntries(removed.subnets) });
    assert.equal(added.subnets.get('n4'), '10.244.1.0/24');
  });

  it('honours a configured node mask and skips past a larger recorded subnet', () => {
    const result = assignPodSubnets({ clusterSubnet: '10.0.0.0/22', nodeMaskSize: 26, nodes: ['a', 'b'], existing: { a: '10.0.0.0/25' } });
    assert.equal(result.subnets.get('a'), '10.0.0.0/25');
    assert.equal(result.subnets.get('b'), '10.0.0.128/26');
  });

  it('carves IPv6 node subnets of /64 by default', () => {
    const result = assignPodSubnets({ clusterSubnet: 'fd00:10:244::/56', nodes: ['a', 'b'], existing: {} });
    assert.equal(result.subnets.get('b'), 'fd00:10:244:1::/64');
  });

  it('fails with the numbers when the cluster subnet is full', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
    assert.throws(
      () => assignPodSubnets({ clusterSubnet: '10.244.0.0/22', nodes, existing: { n1: '10.244.0.0/24' } }),
      (error: unknown) => {
        assert.ok(error instanceof NetworkConfigError);
        assert.equal(error.code, 'NETWORK_CONFIG_INVALID');
        assert.match(error.message, /10\.244\.0\.0\/22 holds 4 node subnets of \/24, but 5 nodes need one \(1 already assigned, 4 new; no room for n5\)/u);
        assert.match(error.hint ?? '', /a \/21 holds 5 or more \/24 subnets/u);
        return true;
      },
    );
  });

  it('refuses a recorded subnet outside the cluster subnet instead of moving the node', () => {
    assert.throws(
      () => assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['n1'], existing: { n1: '10.245.3.0/24' } }),
      /n1 already uses pod subnet 10\.245\.3\.0\/24, which is outside cluster\.podSubnet 10\.244\.0\.0\/16/u,
    );
  });

  it('refuses two nodes that recorded overlapping subnets', () => {
    assert.throws(
      () => assignPodSubnets({ clusterSubnet: CLUSTER, nodes: ['a', 'b'], existing: { a: '10.244.1.0/24', b: '10.244.1.0/25' } }),
      /both claim pod subnets 10\.244\.1\.0\/2[45] and 10\.244\.1\.0\/2[45], which overlap/u,
    );
  });

  it('refuses a node mask shorter than the cluster prefix', () => {
    assert.throws(() => assignPodSubnets({ clusterSubnet: CLUSTER, nodeMaskSize: 12, nodes: ['a'], existing: {} }), /\/12 does not fit cluster\.podSubnet 10\.244\.0\.0\/16/u);
  });

  it('finds the one free subnet in a nearly full space quickly', () => {
    const existing: Record<string, string> = {};
    for (let index = 0; index < 4096; index++) if (index !== 4000) existing[`n${index}`] = `10.0.${index >> 4}.${(index & 15) << 4}/28`;
    const started = performance.now();
    const result = assignPodSubnets({ clusterSubnet: '10.0.0.0/16', nodeMaskSize: 28, nodes: [...Object.keys(existing), 'new'], existing });
    assert.equal(result.subnets.get('new'), '10.0.250.0/28');
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });
});
