import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderEtcdUnit } from '../../../../src/bootstrap/render/etcd-unit.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster } from '../fixtures.ts';
import { execStartFlags, parseUnit, unitValue } from '../parse-unit.ts';

const flag = (flags: Map<string, string[]>, name: string): string | undefined => flags.get(name)?.[0];

describe('renderEtcdUnit', () => {
  const cluster = testCluster('v1.37');
  const node = controlPlaneNode();

  it('forms a new cluster from every control plane with mTLS on both ports', () => {
    const text = renderEtcdUnit({ cluster, node, initialClusterState: 'new' });
    const flags = execStartFlags(parseUnit(text));
    assert.equal(flag(flags, 'name'), 'cp1');
    assert.equal(flag(flags, 'initial-cluster'), 'cp1=https://198.18.0.11:2380,cp2=https://198.18.0.12:2380,cp3=https://198.18.0.13:2380');
    assert.equal(flag(flags, 'initial-cluster-state'), 'new');
    assert.equal(flag(flags, 'initial-cluster-token'), 'kit-kubernetes');
    assert.equal(flag(flags, 'listen-client-urls'), 'https://127.0.0.1:2379,https://198.18.0.11:2379');
    assert.equal(flag(flags, 'advertise-client-urls'), 'https://198.18.0.11:2379');
    assert.equal(flag(flags, 'listen-peer-urls'), 'https://198.18.0.11:2380');
    assert.equal(flag(flags, 'initial-advertise-peer-urls'), 'https://198.18.0.11:2380');
    assert.equal(flag(flags, 'client-cert-auth'), 'true');
    assert.equal(flag(flags, 'peer-client-cert-auth'), 'true');
    assert.equal(flag(flags, 'trusted-ca-file'), '/etc/kubernetes/pki/etcd/ca.crt');
    assert.equal(flag(flags, 'peer-trusted-ca-file'), '/etc/kubernetes/pki/etcd/ca.crt');
    assert.equal(flag(flags, 'cert-file'), '/etc/kubernetes/pki/etcd/server.crt');
    assert.equal(flag(flags, 'peer-cert-file'), '/etc/kubernetes/pki/etcd/peer.crt');
    assert.equal(flag(flags, 'data-dir'), '/var/lib/etcd');
    assert.equal(flag(flags, 'listen-metrics-urls'), 'http://127.0.0.1:2381');
    assert.equal(flag(flags, 'auto-compaction-mode'), 'periodic');
    assert.equal(unitValue(parseUnit(text), 'Service', 'Type'), 'notify');
  });

  it('joins a running cluster with the members it was given and its own token', () => {
    const members = [{ name: 'cp2', ip: '198.18.0.12' }, { name: 'cp1', ip: '198.18.0.11' }];
    const flags = execStartFlags(parseUnit(renderEtcdUnit({
      cluster, node, initialClusterState: 'existing', initialMembers: members, initialClusterToken: 'prod-eu-1',
    })));
    assert.equal(flag(flags, 'initial-cluster'), 'cp2=https://198.18.0.12:2380,cp1=https://198.18.0.11:2380');
    assert.equal(flag(flags, 'initial-cluster-state'), 'existing');
    assert.equal(flag(flags, 'initial-cluster-token'), 'prod-eu-1');
  });

  it('refuses an initial cluster that does not contain the node', () => {
    assert.throws(() => renderEtcdUnit({ cluster, node, initialClusterState: 'existing', initialMembers: [{ name: 'cp2', ip: '198.18.0.12' }] }), /cp1/u);
  });

  it('listens on the IPv6 loopback with bracketed URLs on an IPv6 node', () => {
    const v6 = controlPlaneNode({ ip: 'fd00::11' });
    const flags = execStartFlags(parseUnit(renderEtcdUnit({
      cluster, node: v6, initialClusterState: 'new', initialMembers: [{ name: 'cp1', ip: 'fd00::11' }],
    })));
    assert.equal(flag(flags, 'listen-client-urls'), 'https://[::1]:2379,https://[fd00::11]:2379');
    assert.equal(flag(flags, 'listen-metrics-urls'), 'http://[::1]:2381');
  });

  for (const version of ALL_VERSIONS) {
    it(`${version}: uses the corruption-check spelling its etcd understands`, () => {
      const flags = execStartFlags(parseUnit(renderEtcdUnit({ cluster: testCluster(version), node, initialClusterState: 'new' })));
      assert.ok(![...flags.keys()].some((name) => name.startsWith('experimental-')));
      if (version === 'v1.20') {
        assert.ok(!flags.has('feature-gates') && !flags.has('watch-progress-notify-interval'), 'etcd 3.4 knows neither');
      } else {
        assert.equal(flag(flags, 'feature-gates'), 'InitialCorruptCheck=true');
        assert.equal(flag(flags, 'watch-progress-notify-interval'), '5s');
      }
    });
  }
});
