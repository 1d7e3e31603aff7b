import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEtcdStart, parseInitialCluster } from '../../../../src/bootstrap/etcd/etcd-host-state.ts';
import { parseMemberList } from '../../../../src/bootstrap/etcd/etcd-members.ts';
import { membersAsInitialCluster } from '../../../../src/bootstrap/etcd/etcd-membership.ts';
import { renderEtcdUnit } from '../../../../src/bootstrap/render/etcd-unit.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

// etcdctl 3.4 `member list -w simple` with one member added but not started yet.
const LIST = `1c8bd4a6c1d3a0a3, started, cp1, https://198.18.0.11:2380, https://198.18.0.11:2379, false
8e9e05c52164694d, started, cp2, https://198.18.0.12:2380, https://198.18.0.12:2379,https://127.0.0.1:2379, false
fd422379fda50e48, unstarted, , https://198.18.0.13:2380, , false
`;

describe('etcd member list', () => {
  it('parses started and unstarted members with hex IDs kept exact', () => {
    const members = parseMemberList(LIST);
    assert.deepEqual(members.map((member) => [member.id, member.started, member.name]), [
      ['1c8bd4a6c1d3a0a3', true, 'cp1'], ['8e9e05c52164694d', true, 'cp2'], ['fd422379fda50e48', false, ''],
    ]);
    assert.deepEqual(members[1]?.clientUrls, ['https://198.18.0.12:2379', 'https://127.0.0.1:2379']);
    assert.deepEqual(members[2]?.clientUrls, []);
  });

  it('refuses output it does not understand', () => {
    assert.throws(() => parseMemberList('Error: context deadline exceeded\n'), SyntaxError);
  });

  it('names every member for --initial-cluster as the inventory does, unknown ones by etcd name or id', () => {
    const members = parseMemberList(`${LIST}aaaa, unstarted, , https://198.18.0.99:2380, , false\n`);
    const known = [{ name: 'a', ip: '198.18.0.11' }, { name: 'c', ip: '198.18.0.13' }];
    assert.deepEqual(membersAsInitialCluster(members, known), [
      { name: 'a', ip: '198.18.0.11' }, { name: 'cp2', ip: '198.18.0.12' }, { name: 'c', ip: '198.18.0.13' }, { name: 'member-aaaa', ip: '198.18.0.99' },
    ]);
  });
});

describe('etcd first-start flags read back from a unit', () => {
  it('gives back what renderEtcdUnit was given', () => {
    const cluster = testCluster('v1.20');
    const node = controlPlaneNode({ name: 'cp2', ip: '198.18.0.12' });
    const initialMembers = cluster.controlPlanes.slice(0, 2);
    const unit = renderEtcdUnit({ cluster, node, initialClusterState: 'existing', initialMembers });
    assert.deepEqual(parseEtcdStart(unit), { initialClusterState: 'existing', initialMembers, initialClusterToken: 'kit-kubernetes' });
    assert.equal(renderEtcdUnit({ cluster, node, ...parseEtcdStart(unit) ?? assert.fail() }), unit);
  });

  it('handles IPv6 members and rejects what is not kit\'s', () => {
    assert.deepEqual(parseInitialCluster('a=https://[fd00::1]:2380,b=https://10.0.0.2:2380'), [{ name: 'a', ip: 'fd00::1' }, { name: 'b', ip: '10.0.0.2' }]);
    assert.equal(parseInitialCluster('a=nonsense'), undefined);
    assert.equal(parseEtcdStart('[Service]\nExecStart=/usr/bin/etcd\n'), undefined);
  });
});
