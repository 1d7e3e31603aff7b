import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSpecs, planHosts } from '../../rig/host-plan.ts';
import type { RigState } from '../../rig/rig-state.ts';

function emptyRig(): RigState {
  return { version: 1, name: 'r1', id: 'abc123', dir: '/s/r1', owner: null, bridge: 'kitbr-abc123', slot: 4, imageRootfs: '/img', hosts: [] };
}

describe('defaultSpecs', () => {
  it('makes the first host a control plane and the rest workers', () => {
    assert.deepEqual(defaultSpecs(3), [
      { name: 'node1', roles: ['control-plane'] },
      { name: 'node2', roles: ['worker'] },
      { name: 'node3', roles: ['worker'] },
    ]);
    assert.throws(() => defaultSpecs(0), /at least one host/u);
  });
});

describe('planHosts', () => {
  it('gives addresses from the rig /24 and veth names that fit in 15 characters', () => {
    const hosts = planHosts(emptyRig(), [{ name: 'cp' }, { name: 'w1' }, { name: 'w2', roles: ['control-plane', 'worker'] }]);
    assert.deepEqual(hosts.map((host) => host.address), ['198.18.4.11', '198.18.4.12', '198.18.4.13']);
    assert.deepEqual(hosts.map((host) => host.roles), [['control-plane'], ['worker'], ['control-plane', 'worker']]);
    assert.equal(hosts[0]?.veth, 'vb-kabc123-11');
    assert.ok(hosts.every((host) => host.veth.length <= 15));
    assert.equal(hosts[1]?.dir, '/s/r1/hosts/w1');
  });

  it('reuses the lowest free address and refuses duplicate or invalid names', () => {
    const state = emptyRig();
    state.hosts = planHosts(state, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]).filter((host) => host.name !== 'b');
    const [added] = planHosts(state, [{ name: 'd' }]);
    assert.equal(added?.address, '198.18.4.12');
    assert.deepEqual(added?.roles, ['worker']);
    assert.throws(() => planHosts(state, [{ name: 'a' }]), /already has a host named a/u);
    assert.throws(() => planHosts(state, [{ name: 'Bad_Name' }]), /not a lowercase DNS label/u);
  });
});
