import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeMemberRemoval, quorumOf } from '../../../src/reset/etcd-quorum.ts';

const member = (name: string, healthy: boolean, target = false) => ({ name, healthy, target });

describe('judgeMemberRemoval', () => {
  it('knows the quorum sizes', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(quorumOf), [1, 2, 2, 3, 3]);
  });

  it('allows removing one of three healthy members', () => {
    const verdict = judgeMemberRemoval([member('cp1', true), member('cp2', true, true), member('cp3', true)]);
    assert.equal(verdict.safe, true);
    assert.match(verdict.consequence, /2 member\(s\) remain, 2 healthy, 2 needed/u);
  });

  it('allows removing an unhealthy member while the others keep a quorum', () => {
    assert.equal(judgeMemberRemoval([member('cp1', true), member('cp2', false, true), member('cp3', true)]).safe, true);
  });

  it('refuses when the remaining members would lack a quorum of healthy ones, and says what breaks', () => {
    const verdict = judgeMemberRemoval([member('cp1', true), member('cp2', true, true), member('cp3', false)]);
    assert.equal(verdict.safe, false);
    assert.match(verdict.consequence, /after removing cp2, 2 member\(s\) remain, 1 healthy, 2 needed for a quorum: etcd stops accepting writes/u);
  });

  it('refuses to remove the only member: the cluster\'s state would go', () => {
    const verdict = judgeMemberRemoval([member('cp1', true, true)]);
    assert.equal(verdict.safe, false);
    assert.match(verdict.consequence, /only etcd member: resetting it deletes the cluster's whole state/u);
  });

  it('refuses when etcd has no quorum now', () => {
    const verdict = judgeMemberRemoval([member('cp1', false), member('cp2', true, true), member('cp3', false)]);
    assert.equal(verdict.safe, false);
    assert.match(verdict.consequence, /lost its quorum already \(1 of 3 members healthy, 2 needed\)/u);
  });

  it('has nothing to judge when the node is not a member', () => {
    assert.equal(judgeMemberRemoval([member('cp1', true)]).safe, true);
  });
});
