import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROL_PLANE_TAINT } from '../../../../src/bootstrap/spec/cluster-spec.ts';
import type { InventoryHost } from '../../../../src/inventory/inventory.ts';
import { apiLabelsFor, CONTROL_PLANE_LABEL, nodeSpecFor } from '../../../../src/flows/model/node-model.ts';

const facts = { cgroupDriver: 'cgroupfs', cgroupVersion: 1, resolvConf: '/etc/resolv.conf' } as const;

function host(roles: InventoryHost['roles'], labels: Record<string, string> = {}): InventoryHost {
  return { name: 'n1', address: '198.18.0.5', internalAddress: '198.18.0.6', roles, labels, taints: [], ssh: {} as InventoryHost['ssh'] };
}

describe('a node\'s kubelet view of an inventory host', () => {
  it('control planes get the control-plane taint and the role label through the API; the kubelet gets the internal address', () => {
    const node = nodeSpecFor(host(['control-plane']), facts);
    assert.equal(node.ip, '198.18.0.6');
    assert.deepEqual(node.taints, [CONTROL_PLANE_TAINT]);
    assert.deepEqual(apiLabelsFor(host(['control-plane'])), { [CONTROL_PLANE_LABEL]: '' });
    assert.deepEqual(nodeSpecFor(host(['worker']), facts).taints, []);
  });

  it('splits labels: the kubelet sets what NodeRestriction allows, the API sets the rest', () => {
    const labels = { 'topology.kubernetes.io/zone': 'a', 'team': 'x', 'node-role.kubernetes.io/gpu': '' };
    assert.deepEqual(nodeSpecFor(host(['worker'], labels), facts).labels, { 'topology.kubernetes.io/zone': 'a', 'team': 'x' });
    assert.deepEqual(apiLabelsFor(host(['worker'], labels)), { 'node-role.kubernetes.io/gpu': '' });
  });
});
