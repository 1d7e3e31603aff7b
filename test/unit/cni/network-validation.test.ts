import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPodSubnetCapacity, checkSubnetOverlaps } from '../../../src/cni/network-validation.ts';

describe('checkPodSubnetCapacity', () => {
  it('accepts a /16 for a handful of hosts', () => {
    assert.deepEqual(checkPodSubnetCapacity({ podSubnet: '10.244.0.0/16', hostCount: 5 }), []);
  });

  it('says how many node subnets fit and how many hosts there are', () => {
    const [problem] = checkPodSubnetCapacity({ podSubnet: '10.244.0.0/23', hostCount: 3 });
    assert.deepEqual(problem?.path, ['cluster', 'podSubnet']);
    assert.equal(problem?.severity, 'error');
    assert.equal(problem?.message, '10.244.0.0/23 holds 2 node subnets of /24, but the inventory has 3 hosts');
    assert.match(problem?.hint ?? '', /Use a \/22 or larger/u);
  });

  it('refuses a node mask that leaves no pod address and warns below the kubelet default', () => {
    const none = checkPodSubnetCapacity({ podSubnet: '10.244.0.0/16', nodeMaskSize: 31, hostCount: 1 });
    assert.match(none[0]?.message ?? '', /a \/31 node subnet leaves no address for pods/u);
    const few = checkPodSubnetCapacity({ podSubnet: '10.244.0.0/16', nodeMaskSize: 26, hostCount: 1 });
    assert.equal(few[0]?.severity, 'warning');
    assert.match(few[0]?.message ?? '', /leaves 61 addresses for pods, fewer than the kubelet's default of 110/u);
  });

  it('refuses a node mask wider than the pod subnet', () => {
    assert.match(checkPodSubnetCapacity({ podSubnet: '10.244.0.0/16', nodeMaskSize: 8, hostCount: 1 })[0]?.message ?? '', /must lie between \/16 and \/32/u);
  });
});

describe('checkSubnetOverlaps', () => {
  const hosts = [
    { name: 'cp1', index: 0, addresses: ['10.0.0.10'], networks: ['10.0.0.10/24'] },
    { name: 'w1', index: 1, addresses: ['10.0.0.21'], interfaces: [{ name: 'eth1', addresses: ['192.168.5.3'] }, { name: 'kit0', addresses: ['10.244.1.1'] }] },
  ];

  it('accepts disjoint pod, service and host networks, ignoring kit\'s own interfaces', () => {
    assert.deepEqual(checkSubnetOverlaps({ podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12', hosts }), []);
  });

  it('reports pod and service subnets that overlap, with the shared range', () => {
    const problems = checkSubnetOverlaps({ podSubnet: '10.96.0.0/16', serviceSubnet: '10.96.0.0/12', hosts: [] });
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]?.path, ['cluster', 'serviceSubnet']);
    assert.equal(problems[0]?.message, 'serviceSubnet 10.96.0.0/12 overlaps podSubnet 10.96.0.0/16 (shared: 10.96.0.0–10.96.255.255)');
  });

  it('reports a host address inside the pod subnet', () => {
    const problems = checkSubnetOverlaps({ podSubnet: '10.0.0.0/16', serviceSubnet: '10.96.0.0/12', hosts });
    assert.deepEqual(problems.map((problem) => problem.message), [
      'podSubnet 10.0.0.0/16 contains 10.0.0.10, an address of host cp1: the host\'s own traffic would be routed into the cluster network',
      'podSubnet 10.0.0.0/16 contains 10.0.0.21, an address of host w1: the host\'s own traffic would be routed into the cluster network',
    ]);
  });

  it('reports a host network that overlaps the service subnet even when no host address is inside', () => {
    const problems = checkSubnetOverlaps({ podSubnet: '10.244.0.0/16', serviceSubnet: '10.0.0.128/25', hosts: hosts.slice(0, 1) });
    assert.equal(problems[0]?.message, 'serviceSubnet 10.0.0.128/25 overlaps the network 10.0.0.0/24 of host cp1 (shared: 10.0.0.128–10.0.0.255)');
  });

  it('checks interface addresses the host reported', () => {
    const problems = checkSubnetOverlaps({ podSubnet: '192.168.0.0/16', serviceSubnet: '10.96.0.0/12', hosts });
    assert.match(problems[0]?.message ?? '', /contains 192\.168\.5\.3, an address of host w1/u);
  });
});
