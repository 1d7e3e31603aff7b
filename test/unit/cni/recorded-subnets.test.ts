import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRecordedSubnets } from '../../../src/cni/recorded-subnets.ts';
import { NODES, stateFor } from './overlay-fixtures.ts';

describe('mergeRecordedSubnets', () => {
  it('reads every node from its own record', () => {
    const records = new Map(NODES.map((node) => [node.name, stateFor(node.name)]));
    assert.deepEqual(mergeRecordedSubnets(records), { node1: '10.244.0.0/24', node2: '10.244.1.0/24', node3: '10.244.2.0/24' });
  });

  it('keeps the subnet of a node that could not be read, from its peers\' records', () => {
    const records = new Map([['node1', stateFor('node1')], ['node2', undefined]]);
    assert.equal(mergeRecordedSubnets(records)['node2'], '10.244.1.0/24');
    assert.equal(mergeRecordedSubnets(records)['node3'], '10.244.2.0/24');
  });

  it('trusts a node\'s own record over a stale peer record', () => {
    const stale = stateFor('node1', NODES.map((node) => (node.name === 'node2' ? { ...node, podSubnet: '10.244.9.0/24' } : node)));
    const records = new Map([['node1', stale], ['node2', stateFor('node2')]]);
    assert.equal(mergeRecordedSubnets(records)['node2'], '10.244.1.0/24');
  });

  it('refuses peers that disagree about a node that cannot speak for itself', () => {
    const other = stateFor('node3', NODES.map((node) => (node.name === 'node2' ? { ...node, podSubnet: '10.244.9.0/24' } : node)));
    const records = new Map([['node1', stateFor('node1')], ['node3', other]]);
    assert.throws(() => mergeRecordedSubnets(records), /node1 and node3 recorded different pod subnets for node2 \(10\.244\.1\.0\/24 and 10\.244\.9\.0\/24\)/u);
  });
});
