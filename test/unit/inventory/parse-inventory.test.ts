import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { describeInventory } from '../../../src/inventory/describe-inventory.ts';
import { InventoryInvalidError } from '../../../src/inventory/inventory-invalid-error.ts';
import { hostsWithRole } from '../../../src/inventory/inventory.ts';
import { parseInventory, parseInventorySpec } from '../../../src/inventory/parse-inventory.ts';
import { BASE_INVENTORY, PARSE_OPTIONS, edit, problemsOf } from './inventory-fixtures.ts';

const EXAMPLE = readFileSync(new URL('../../../inventory.example.yaml', import.meta.url), 'utf8');

describe('parseInventory', () => {
  it('accepts inventory.example.yaml and resolves every host', () => {
    const inventory = parseInventory(EXAMPLE, 'inventory.example.yaml', PARSE_OPTIONS);
    assert.deepEqual(
      inventory.hosts.map((host) => host.name),
      ['cp1', 'cp2', 'cp3', 'worker1'],
    );
    assert.deepEqual(hostsWithRole(inventory, 'control-plane').map((host) => host.name), ['cp1', 'cp2', 'cp3']);
    assert.deepEqual(inventory.cluster.controlPlaneEndpoint, { host: 'api.prod-eu1.example.com', port: 6443 });
    const worker = inventory.hosts[3];
    assert.ok(worker);
    assert.equal(worker.internalAddress, '10.0.0.21', 'internalAddress defaults to address');
    assert.deepEqual(worker.ssh, {
      name: 'worker1',
      address: '10.0.0.21',
      port: 22,
      user: 'ops',
      keyFile: '/home/kit/.ssh/id_ed25519',
      knownHostsFile: '/home/kit/.ssh/known_hosts',
      bastion: { address: '203.0.113.5', port: 22, user: 'jump', keyFile: '/home/kit/.ssh/bastion_ed25519' },
    });
    assert.equal(inventory.hosts[0]?.ssh.hostKey, 'SHA256:wS0m2mXn0CUbXbd8N1jZ0U6qKvYJ4p5c6G8bH1mWk2o');
    assert.deepEqual(inventory.network, { plugin: 'vxlan', vxlan: { vni: 1, port: 4789, mtu: 1450 } });
    assert.deepEqual(inventory.pki, { keyType: 'rsa', keySize: 2048, certificateValidityDays: 365, caValidityDays: 3650 });
  });

  it('fills every default for a minimal inventory', () => {
    const inventory = parseInventory('apiVersion: kit/v1\ncluster: {name: mini}\nhosts:\n  - {name: n1, address: 198.18.0.2, roles: [control-plane, worker]}\n', 'mini.yaml', PARSE_OPTIONS);
    assert.deepEqual(inventory.cluster, { name: 'mini', kubernetesVersion: 'v1.37.1', podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local', extraSans: [] });
    assert.deepEqual(inventory.ssh, { user: 'root', port: 22, keyFile: '/home/kit/.ssh/id_ed25519', knownHostsFile: '/home/kit/.ssh/known_hosts' });
    assert.deepEqual(inventory.network, { plugin: 'vxlan', vxlan: { vni: 1, port: 4789 } });
    assert.deepEqual(inventory.artifacts, { source: 'download', cacheDir: '/home/kit/.cache/kit' });
    assert.deepEqual(inventory.hosts[0]?.labels, {});
  });

  it('resolves versions, canonical subnets, relative paths and per-host overrides', () => {
    let text = edit(BASE_INVENTORY, 'v1.36.5', 'v1.35');
    text = edit(text, '10.244.0.0/16', 'FD00:10:244:0::/56');
    text = edit(text, '10.96.0.0/12', 'fd00:96::/112');
    text = edit(text, 'port: 22\n', 'port: 22\n  keyFile: keys/ops\n  bastion:\n    address: jump.example.com\n');
    text = edit(text, '198.18.0.12\n', '198.18.0.12\n    ssh: {user: ops, port: 2222, keyFile: /keys/w1}\n');
    text = edit(text, 'plugin: vxlan\n  vxlan:\n    vni: 1\n    port: 4789\n', 'plugin: manifest\n  manifest: cni/calico.yaml\n');
    text = edit(text, 'source: download', 'source: bundle\n  path: ../bundle.tgz');
    text = edit(text, 'keyType: rsa', 'keyType: ecdsa');
    const inventory = parseInventory(text, 'inv.yaml', PARSE_OPTIONS);
    assert.equal(inventory.cluster.kubernetesVersion, 'v1.35.9');
    assert.equal(inventory.cluster.podSubnet, 'fd00:10:244::/56');
    assert.equal(inventory.ssh.keyFile, '/srv/inventories/keys/ops');
    assert.deepEqual(inventory.hosts[0]?.ssh.bastion, { address: 'jump.example.com', port: 22, user: 'root', keyFile: '/srv/inventories/keys/ops' });
    assert.deepEqual(inventory.hosts[1]?.ssh.bastion, { address: 'jump.example.com', port: 22, user: 'ops', keyFile: '/keys/w1' });
    assert.equal(inventory.hosts[1]?.ssh.port, 2222);
    assert.deepEqual(inventory.network, { plugin: 'manifest', manifest: { kind: 'file', path: '/srv/inventories/cni/calico.yaml' } });
    assert.deepEqual(inventory.artifacts, { source: 'bundle', path: '/srv/bundle.tgz', cacheDir: '/home/kit/.cache/kit' });
    assert.deepEqual(inventory.pki, { keyType: 'ecdsa', curve: 'P-256', certificateValidityDays: 365, caValidityDays: 3650 });
  });

  it('allows hosts behind NAT to share an address on different ports', () => {
    let text = edit(BASE_INVENTORY, 'address: 198.18.0.12', 'address: 198.18.0.11\n    internalAddress: 10.0.0.2\n    ssh: {port: 2202}');
    text = edit(text, 'address: 198.18.0.11\n    roles: [control-plane]', 'address: 198.18.0.11\n    internalAddress: 10.0.0.1\n    roles: [control-plane]');
    assert.equal(parseInventory(text, 'nat.yaml', PARSE_OPTIONS).hosts.length, 2);
  });

  it('returns deeply frozen data', () => {
    const inventory = parseInventory(BASE_INVENTORY, 'inventory.yaml', PARSE_OPTIONS);
    assert.ok(Object.isFrozen(inventory.hosts[0]?.ssh));
    assert.throws(() => (inventory.cluster as { name: string }).name = 'x', TypeError);
    assert.ok(Object.isFrozen(parseInventorySpec(BASE_INVENTORY, 'inventory.yaml').hosts[0]?.roles));
  });

  it('keeps the parsed spec apart from the resolved view', () => {
    const spec = parseInventorySpec(BASE_INVENTORY, 'inventory.yaml');
    assert.equal(spec.ssh.keyFile, '~/.ssh/id_ed25519', 'the spec keeps what the file says');
    assert.equal(spec.hosts[0]?.internalAddress, undefined);
    assert.equal(spec.network.vxlan?.vni, 1);
  });

  it('lists every problem in the error message as file:line:column path: message', () => {
    const text = edit(edit(BASE_INVENTORY, 'address: 198.18.0.12', 'address: 198.18.0.300'), 'name: demo', 'name: Demo');
    try {
      parseInventory(text, 'inventory.yaml', PARSE_OPTIONS);
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof InventoryInvalidError);
      assert.equal(error.code, 'INVENTORY_INVALID');
      assert.equal(error.problems.length, 2);
      const lines = error.message.split('\n');
      assert.equal(lines[0], 'inventory.yaml is not a valid inventory (2 problems):');
      assert.match(error.message, /^inventory\.yaml:3:9 cluster\.name: "Demo" is not an RFC 1123 label/mu);
      assert.match(error.message, /^inventory\.yaml:15:14 hosts\[1\]\.address: "198\.18\.0\.300" is neither an IP address nor a DNS name$/mu);
      assert.match(error.message, /^ {4}hint: Try "demo"\.$/mu);
      assert.ok(error.hint?.includes('docs/inventory.md'));
    }
  });
});

describe('describeInventory', () => {
  it('sums up a valid inventory for `kit inventory validate`', () => {
    const text = describeInventory(parseInventory(EXAMPLE, 'inventory.example.yaml', PARSE_OPTIONS), 'inventory.example.yaml');
    assert.equal(
      text,
      [
        'inventory.example.yaml is valid: cluster prod-eu1, Kubernetes v1.37.1',
        '  hosts:    4 hosts (3 control-plane, 1 worker)',
        '  API:      api.prod-eu1.example.com:6443',
        '  subnets:  pods 10.244.0.0/16, services 10.96.0.0/12, DNS cluster.local',
        '  network:  vxlan (VNI 1, UDP 4789)',
        '  binaries: download',
      ].join('\n'),
    );
  });
});

describe('YAML features', () => {
  it('lets hosts share settings through anchors and merge keys', () => {
    const text = edit(
      edit(BASE_INVENTORY, '  - name: cp1\n', '  - &node\n    name: cp1\n    labels: {tier: a}\n    ssh: {user: ops}\n'),
      '  - name: w1\n',
      '  - <<: *node\n    name: w1\n',
    );
    const inventory = parseInventory(text, 'anchors.yaml', PARSE_OPTIONS);
    assert.equal(inventory.hosts[1]?.ssh.user, 'ops');
    assert.deepEqual(inventory.hosts[1]?.labels, { tier: 'a' });
    assert.deepEqual(inventory.hosts[1]?.roles, ['worker']);
  });

  it('refuses exponential alias expansion', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    const problem = problemsOf(`${BASE_INVENTORY}${lines.join('\n')}\n`)[0];
    assert.match(problem?.message ?? '', /^YAML: .*alias/iu);
  });
});
