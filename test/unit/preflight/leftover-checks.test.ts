import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, rigFacts } from './fixtures.ts';

describe('leftovers of an earlier cluster', () => {
  it('DirAvailable: a non-empty directory is an error pointing at kit reset', () => {
    const facts = rigFacts({ dirs: { '/etc/kubernetes': 'non-empty', '/var/lib/etcd': 'empty', '/var/lib/kubelet': 'absent', '/etc/cni/net.d': 'non-empty' } });
    const outcome = evaluate('DirAvailable--etc-kubernetes', { facts });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.fix ?? '', /kit reset/u);
    assert.equal(evaluate('DirAvailable--var-lib-etcd', { facts }).status, 'ok');
    assert.equal(evaluate('DirAvailable--etc-cni-net.d', { facts }).status, 'warn');
  });

  it('KubeletProcess and ContainerRuntimeConflict read the process list', () => {
    assert.equal(evaluate('KubeletProcess', { facts: rigFacts({ processes: ['systemd', 'kubelet'] }) }).status, 'error');
    const docker = evaluate('ContainerRuntimeConflict', { facts: rigFacts({ processes: ['containerd', 'dockerd'] }) });
    assert.equal(docker.status, 'error');
    assert.match(docker.fix ?? '', /systemctl disable --now docker\.socket docker/u);
    assert.equal(evaluate('ContainerRuntimeConflict', { facts: rigFacts({ processes: ['containerd'] }) }).status, 'ok');
  });
});

describe('FileExisting-*', () => {
  it('errors for a required tool with the package to install, warns for a recommended one', () => {
    const facts = rigFacts({ tools: { ip: '/usr/sbin/ip' } });
    const conntrack = evaluate('FileExisting-conntrack', { facts });
    assert.equal(conntrack.status, 'error');
    assert.match(conntrack.fix ?? '', /apt-get install -y conntrack/u);
    assert.equal(evaluate('FileExisting-nsenter', { facts }).fix?.includes('util-linux'), true);
    assert.equal(evaluate('FileExisting-socat', { facts }).status, 'warn');
  });

  it('accepts nft for iptables', () => {
    assert.equal(evaluate('FileExisting-iptables', { facts: rigFacts({ tools: { nft: '/usr/sbin/nft' } }) }).status, 'ok');
  });
});
