import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderInventory, renderKnownHosts } from '../../rig/inventory-writer.ts';
import { RIG_BUNDLE_DIR } from '../../rig/rig-paths.ts';

const HOSTS = [
  { name: 'node1', address: '198.18.0.11', roles: ['control-plane'] as const },
  { name: 'node2', address: '198.18.0.12', roles: ['worker'] as const },
];

describe('renderInventory', () => {
  it('writes a kit/v1 inventory for the rig hosts', () => {
    const text = renderInventory({ clusterName: 'r1', hosts: HOSTS, keyPath: '/s/r1/id_ed25519', knownHostsPath: '/s/r1/known_hosts' });
    const document = parse(text) as Record<string, unknown>;
    assert.equal(document['apiVersion'], 'kit/v1');
    assert.deepEqual(document['cluster'], {
      name: 'r1', kubernetesVersion: 'v1.20.2', podSubnet: '198.19.0.0/17', serviceSubnet: '198.19.128.0/20', dnsDomain: 'cluster.local',
    });
    assert.deepEqual(document['ssh'], { user: 'root', port: 22, keyFile: '/s/r1/id_ed25519', knownHostsFile: '/s/r1/known_hosts' });
    assert.deepEqual(document['hosts'], [
      { name: 'node1', address: '198.18.0.11', roles: ['control-plane'] },
      { name: 'node2', address: '198.18.0.12', roles: ['worker'] },
    ]);
    assert.deepEqual(document['network'], { plugin: 'vxlan', vxlan: { vni: 1, port: 4789 } });
    assert.deepEqual(document['artifacts'], { source: 'bundle', path: RIG_BUNDLE_DIR });
  });

  it('uses the bundle path it is given instead of the cached rig bundle', () => {
    const text = renderInventory({ clusterName: 'r1', hosts: HOSTS, keyPath: '/k', knownHostsPath: '/h', bundlePath: '/b/kit-bundle' });
    assert.deepEqual((parse(text) as Record<string, unknown>)['artifacts'], { source: 'bundle', path: '/b/kit-bundle' });
  });
});

describe('renderKnownHosts', () => {
  it('pins one key per address', () => {
    assert.equal(renderKnownHosts([{ address: '198.18.0.11', hostKey: 'ssh-ed25519 AAAA1' }, { address: '198.18.0.12', hostKey: 'ssh-ed25519 AAAA2' }]),
      '198.18.0.11 ssh-ed25519 AAAA1\n198.18.0.12 ssh-ed25519 AAAA2\n');
  });
});
