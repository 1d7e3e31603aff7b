import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAddresses, parseFdb, parseNeighbours, parseRoutes, parseVxlanLink } from '../../../src/cni/overlay-parsers.ts';
import { parseUnderlayMtu } from '../../../src/cni/underlay.ts';

// Captured from iproute2 6.1 (Debian bookworm) on a kit.vxlan built by overlay-up.sh.
const LINK = `5: kit.vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/ether 02:6b:c6:12:00:02 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    vxlan id 7 local 198.18.0.2 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 
`;
const FDB = `00:00:00:00:00:00 dst 198.18.0.77 self permanent
02:6b:c6:12:00:09 dst 198.18.0.9 self permanent
02:6B:C6:12:00:03 dst 198.18.0.3 self permanent
`;
const NEIGH = `10.244.1.0 lladdr 02:6b:c6:12:00:03 PERMANENT 
10.244.9.9 lladdr 02:00:00:00:00:01 STALE 
10.244.4.0  FAILED
`;
const ROUTES = `10.244.1.0/24 via 10.244.1.0 onlink 
10.245.0.7 via 10.244.1.0 onlink 
10.244.3.0/24 via 10.244.3.0 
`;

describe('overlay parsers', () => {
  it('reads the device settings the plan compares', () => {
    assert.deepEqual(parseVxlanLink(LINK), { name: 'kit.vxlan', up: true, mtu: 1450, mac: '02:6b:c6:12:00:02', vni: 7, local: '198.18.0.2', port: 4789, learning: false });
  });

  it('reads a device that is down and learns', () => {
    const text = `5: kit.vxlan: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether aa:bb:cc:dd:ee:ff brd ff:ff:ff:ff:ff:ff promiscuity 0
    vxlan id 1 local 10.0.0.1 dev eth0 srcport 0 0 dstport 8472 ttl auto ageing 300`;
    const link = parseVxlanLink(text);
    assert.equal(link?.up, false);
    assert.equal(link?.learning, true);
    assert.equal(link?.port, 8472);
  });

  it('returns undefined for the error a missing device prints', () => {
    assert.equal(parseVxlanLink('Device "kit.vxlan" does not exist.\n'), undefined);
  });

  it('reads FDB entries, lower-casing MACs', () => {
    assert.deepEqual(parseFdb(FDB), [
      { mac: '00:00:00:00:00:00', dst: '198.18.0.77', permanent: true },
      { mac: '02:6b:c6:12:00:09', dst: '198.18.0.9', permanent: true },
      { mac: '02:6b:c6:12:00:03', dst: '198.18.0.3', permanent: true },
    ]);
    assert.deepEqual(parseFdb('33:33:00:00:00:01 self permanent\n'), [{ mac: '33:33:00:00:00:01', dst: undefined, permanent: true }]);
  });

  it('reads neighbours with and without a link-layer address', () => {
    assert.deepEqual(parseNeighbours(NEIGH), [
      { ip: '10.244.1.0', mac: '02:6b:c6:12:00:03', states: ['PERMANENT'] },
      { ip: '10.244.9.9', mac: '02:00:00:00:00:01', states: ['STALE'] },
      { ip: '10.244.4.0', mac: undefined, states: ['FAILED'] },
    ]);
  });

  it('reads routes and gives host routes their /32', () => {
    assert.deepEqual(parseRoutes(ROUTES), [
      { dst: '10.244.1.0/24', via: '10.244.1.0', onlink: true },
      { dst: '10.245.0.7/32', via: '10.244.1.0', onlink: true },
      { dst: '10.244.3.0/24', via: '10.244.3.0', onlink: false },
    ]);
  });

  it('reads the VTEP address from ip -o addr', () => {
    assert.deepEqual(parseAddresses('5: kit.vxlan    inet 10.244.0.0/32 scope global kit.vxlan\\       valid_lft forever preferred_lft forever\n'), ['10.244.0.0/32']);
  });

  it('ignores empty output and lines it does not understand', () => {
    assert.deepEqual(parseFdb(''), []);
    assert.deepEqual(parseRoutes('Cannot find device "kit.vxlan"\n'), []);
    assert.deepEqual(parseNeighbours('\n\n'), []);
  });
});

describe('parseUnderlayMtu', () => {
  const links = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n2: host0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 2a:1b:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n';
  const addresses = '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n2: host0    inet 198.18.0.2/24 scope global host0\\       valid_lft forever preferred_lft forever\n';

  it('finds the interface carrying the address and its MTU', () => {
    assert.deepEqual(parseUnderlayMtu(links, addresses, '198.18.0.2'), { interface: 'host0', mtu: 1500 });
  });

  it('returns undefined when no interface has the address', () => {
    assert.equal(parseUnderlayMtu(links, addresses, '198.18.0.9'), undefined);
  });
});
