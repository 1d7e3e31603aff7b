import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHostNetworks } from '../../../../src/cli/setup/host-networks.ts';
import type { HostNetwork } from '../../../../src/cli/setup/host-networks.ts';
import { defaultClusterSubnets, subnetProblem } from '../../../../src/cli/setup/subnet-defaults.ts';
import { cidrsOverlap, parseCidr } from '../../../../src/inventory/cidr.ts';

const IP_OUTPUT = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host noprefixroute \\       valid_lft forever preferred_lft forever
2: host0@if7    inet 10.1.2.11/24 brd 10.1.2.255 scope global host0\\       valid_lft forever preferred_lft forever
2: host0@if7    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever
3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever
@@routes
default via 10.1.2.1 dev host0
10.0.0.0/8 via 10.1.2.1 dev host0
10.1.2.0/24 dev host0 proto kernel scope link src 10.1.2.11
blackhole 192.168.50.0/24
203.0.113.9 via 10.1.2.1 dev host0
`;

const networks = (...cidrs: string[]): HostNetwork[] => cidrs.map((cidr) => ({ cidr, source: 'test' }));

function overlaps(a: string, b: string): boolean {
  const left = parseCidr(a);
  const right = parseCidr(b);
  assert.ok(left !== undefined && right !== undefined);
  return cidrsOverlap(left, right);
}

describe('host networks', () => {
  it('reads addresses and routes from ip, leaving out loopback, link-local and the default route', () => {
    const facts = parseHostNetworks('node1', IP_OUTPUT);
    assert.deepEqual(facts.networks.map((network) => network.cidr), ['10.1.2.0/24', '172.17.0.0/16', '10.0.0.0/8', '192.168.50.0/24', '203.0.113.9/32']);
    assert.equal(facts.networks[0]?.source, 'node1 (host0)');
    assert.equal(facts.networks[2]?.source, 'node1 (route)');
    assert.deepEqual(facts.addresses, ['10.1.2.11', '172.17.0.1']);
  });

  it('gives nothing for a host without ip', () => {
    assert.deepEqual(parseHostNetworks('node1', '@@routes\n'), { networks: [], addresses: [] });
  });
});

describe('default cluster subnets', () => {
  it('are the usual Kubernetes ranges when no host uses them', () => {
    assert.deepEqual(defaultClusterSubnets(networks('198.18.0.0/24', '192.168.1.0/24')), { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' });
  });

  it('move out of 10.0.0.0/8 when the hosts are in it, avoiding a docker bridge too', () => {
    const taken = parseHostNetworks('node1', IP_OUTPUT).networks;
    const picked = defaultClusterSubnets(taken);
    assert.deepEqual(picked, { podSubnet: '172.16.0.0/16', serviceSubnet: '172.18.0.0/16' });
    for (const subnet of [picked.podSubnet, picked.serviceSubnet]) {
      for (const network of taken) assert.equal(overlaps(subnet ?? '', network.cidr), false, `${subnet} vs ${network.cidr}`);
    }
  });

  it('never overlap each other or any taken network, whatever is taken', () => {
    const pool = ['10.0.0.0/8', '10.244.3.0/24', '10.100.0.0/16', '172.16.0.0/13', '172.24.0.0/14', '172.28.5.0/24', '198.18.0.0/24', '0.0.0.0/1'];
    for (let mask = 0; mask < 1 << pool.length; mask++) {
      const taken = pool.filter((_, index) => (mask & (1 << index)) !== 0);
      const picked = defaultClusterSubnets(networks(...taken));
      const chosen = [picked.podSubnet, picked.serviceSubnet].filter((value) => value !== undefined);
      for (const subnet of chosen) for (const cidr of taken) assert.equal(overlaps(subnet, cidr), false, `${subnet} overlaps ${cidr} (taken: ${taken.join(' ')})`);
      if (picked.podSubnet !== undefined && picked.serviceSubnet !== undefined) assert.equal(overlaps(picked.podSubnet, picked.serviceSubnet), false);
      for (const subnet of chosen) assert.equal(subnetProblem({ kind: subnet === picked.podSubnet ? 'pod' : 'service', text: subnet, taken: networks(...taken), hostCount: 3 }), undefined);
    }
  });

  it('leave a field out when every candidate is taken', () => {
    assert.deepEqual(defaultClusterSubnets(networks('0.0.0.0/1', '128.0.0.0/1')), {});
  });
});

describe('subnet answers', () => {
  const taken = [{ cidr: '10.0.0.0/8', source: 'node1 (route)' }];

  it('refuse a subnet that overlaps a host network, naming it', () => {
    assert.match(subnetProblem({ kind: 'pod', text: '10.244.0.0/16', taken, hostCount: 3 }) ?? '', /overlaps 10\.0\.0\.0\/8 of node1 \(route\)/u);
  });

  it('refuse syntax errors, host bits, overlap with the other subnet and a family mix', () => {
    assert.match(subnetProblem({ kind: 'pod', text: '172.16.0.0', taken, hostCount: 1 }) ?? '', /not a subnet in CIDR notation/u);
    assert.match(subnetProblem({ kind: 'pod', text: '172.16.1.0/16', taken, hostCount: 1 }) ?? '', /host bits.*172\.16\.0\.0\/16/u);
    assert.match(subnetProblem({ kind: 'service', text: '172.16.0.0/20', taken, other: '172.16.0.0/16', hostCount: 1 }) ?? '', /overlaps the pod subnet/u);
    assert.match(subnetProblem({ kind: 'service', text: 'fd00:96::/112', taken, other: '172.16.0.0/16', hostCount: 1 }) ?? '', /IPv4/u);
  });

  it('check sizes: pod subnets hold a /24 per host, Service subnets stay within /12-/28', () => {
    assert.equal(subnetProblem({ kind: 'pod', text: '172.16.0.0/22', taken, hostCount: 4 }), undefined);
    assert.match(subnetProblem({ kind: 'pod', text: '172.16.0.0/22', taken, hostCount: 5 }) ?? '', /use a \/21 or larger/u);
    assert.match(subnetProblem({ kind: 'service', text: '172.0.0.0/11', taken, hostCount: 1 }) ?? '', /at most a \/12/u);
    assert.match(subnetProblem({ kind: 'service', text: '172.16.0.0/29', taken, hostCount: 1 }) ?? '', /\/28 or larger/u);
    assert.equal(subnetProblem({ kind: 'service', text: '172.16.0.0/28', taken, hostCount: 1 }), undefined);
  });
});
