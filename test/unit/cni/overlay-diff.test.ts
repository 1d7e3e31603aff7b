import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullOverlayCommands, peerAddCommands } from '../../../src/cni/overlay-commands.ts';
import { diffOverlayPeers } from '../../../src/cni/overlay-diff.ts';
import type { OverlayEntries } from '../../../src/cni/overlay-diff.ts';
import { parseFdb, parseNeighbours, parseRoutes } from '../../../src/cni/overlay-parsers.ts';
import { NODES, stateFor } from './overlay-fixtures.ts';

/** What node1's kit.vxlan holds once node2 and node3 were added (as iproute2 prints it). */
const CURRENT: OverlayEntries = {
  fdb: parseFdb('02:6b:c6:12:00:03 dst 198.18.0.3 self permanent\n02:6b:c6:12:00:04 dst 198.18.0.4 self permanent\n'),
  neighbours: parseNeighbours('10.244.1.0 lladdr 02:6b:c6:12:00:03 PERMANENT\n10.244.2.0 lladdr 02:6b:c6:12:00:04 PERMANENT\n'),
  routes: parseRoutes('10.244.1.0/24 via 10.244.1.0 onlink\n10.244.2.0/24 via 10.244.2.0 onlink\n'),
};

describe('diffOverlayPeers', () => {
  it('does nothing when the device already matches', () => {
    const diff = diffOverlayPeers('kit.vxlan', stateFor('node1').peers, CURRENT);
    assert.deepEqual(diff.commands, []);
    assert.deepEqual(diff.changes, []);
  });

  it('adds exactly the three entries of a node that joined, touching no other peer', () => {
    const nodes = [...NODES, { name: 'node4', address: '198.18.0.5', podSubnet: '10.244.3.0/24' }];
    const state = stateFor('node1', nodes);
    const diff = diffOverlayPeers('kit.vxlan', state.peers, CURRENT);
    const node4 = state.peers.find((peer) => peer.name === 'node4');
    assert.ok(node4 !== undefined);
    assert.deepEqual(diff.commands, peerAddCommands('kit.vxlan', node4));
    assert.deepEqual(diff.commands.map((argv) => argv.join(' ')), [
      'bridge fdb replace 02:6b:c6:12:00:05 dev kit.vxlan dst 198.18.0.5 self permanent',
      'ip neigh replace 10.244.3.0 lladdr 02:6b:c6:12:00:05 dev kit.vxlan nud permanent',
      'ip route replace 10.244.3.0/24 via 10.244.3.0 dev kit.vxlan onlink',
    ]);
    assert.deepEqual(diff.changes, ['add peer node4 (198.18.0.5, pods 10.244.3.0/24)']);
  });

  it('removes a node that left: route first, then neighbour, then FDB', () => {
    const state = stateFor('node1', NODES.filter((node) => node.name !== 'node3'));
    const diff = diffOverlayPeers('kit.vxlan', state.peers, CURRENT);
    assert.deepEqual(diff.commands.map((argv) => argv.join(' ')), [
      'ip route del 10.244.2.0/24 dev kit.vxlan',
      'ip neigh del 10.244.2.0 dev kit.vxlan',
      'bridge fdb del 02:6b:c6:12:00:04 dev kit.vxlan dst 198.18.0.4 self',
    ]);
    assert.equal(diff.changes.length, 3);
  });

  it('repairs only the missing or wrong entry of a peer', () => {
    const broken: OverlayEntries = {
      ...CURRENT,
      neighbours: parseNeighbours('10.244.1.0 lladdr 02:6b:c6:12:00:03 STALE\n10.244.2.0 lladdr 02:6b:c6:12:00:04 PERMANENT\n'),
      routes: parseRoutes('10.244.1.0/24 via 10.244.1.0 onlink\n10.244.2.0/24 via 10.244.2.0\n'),
    };
    const diff = diffOverlayPeers('kit.vxlan', stateFor('node1').peers, broken);
    assert.deepEqual(diff.commands.map((argv) => argv.join(' ')), [
      'ip neigh replace 10.244.1.0 lladdr 02:6b:c6:12:00:03 dev kit.vxlan nud permanent',
      'ip route replace 10.244.2.0/24 via 10.244.2.0 dev kit.vxlan onlink',
    ]);
    assert.deepEqual(diff.changes, ['repair neighbour of peer node2 (198.18.0.3, pods 10.244.1.0/24)', 'repair route of peer node3 (198.18.0.4, pods 10.244.2.0/24)']);
  });

  it('moves a peer whose address changed: old FDB entry out, new one in', () => {
    const nodes = NODES.map((node) => (node.name === 'node2' ? { ...node, address: '198.18.0.30' } : node));
    const diff = diffOverlayPeers('kit.vxlan', stateFor('node1', nodes).peers, CURRENT);
    const lines = diff.commands.map((argv) => argv.join(' '));
    assert.equal(lines[0], 'bridge fdb del 02:6b:c6:12:00:03 dev kit.vxlan dst 198.18.0.3 self');
    assert.ok(lines.includes('bridge fdb replace 02:6b:c6:12:00:1e dev kit.vxlan dst 198.18.0.30 self permanent'));
    assert.ok(lines.includes('ip neigh replace 10.244.1.0 lladdr 02:6b:c6:12:00:1e dev kit.vxlan nud permanent'));
    assert.ok(!lines.some((line) => line.includes('10.244.2.0')), 'node3 is untouched');
  });

  it('leaves dynamic neighbours and FDB entries without a remote alone', () => {
    const extra: OverlayEntries = {
      ...CURRENT,
      fdb: [...CURRENT.fdb, ...parseFdb('33:33:00:00:00:01 self permanent\n')],
      neighbours: [...CURRENT.neighbours, ...parseNeighbours('10.244.9.9 lladdr 02:00:00:00:00:01 STALE\n')],
    };
    assert.deepEqual(diffOverlayPeers('kit.vxlan', stateFor('node1').peers, extra).commands, []);
  });

  it('builds the full command list from nothing in the order the boot script uses', () => {
    const lines = fullOverlayCommands(stateFor('node2')).map((argv) => argv.join(' '));
    assert.equal(lines[0], 'ip link add kit.vxlan type vxlan id 7 local 198.18.0.3 dstport 4789 nolearning');
    assert.equal(lines[1], 'ip link set dev kit.vxlan address 02:6b:c6:12:00:03 mtu 1450 up');
    assert.equal(lines[2], 'ip addr replace 10.244.1.0/32 dev kit.vxlan');
    assert.equal(lines.length, 3 + 2 * 3);
  });
});
