import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { answersFromInventory } from '../../../../src/cli/setup/answers-from-inventory.ts';
import { inventoryFromAnswers } from '../../../../src/cli/setup/answers-to-inventory.ts';
import type { SetupAnswers } from '../../../../src/cli/setup/setup-answers.ts';
import { parseInventory } from '../../../../src/inventory/parse-inventory.ts';
import { renderInventory } from '../../../../src/inventory/render-inventory.ts';
import { PARSE_OPTIONS } from '../../inventory/inventory-fixtures.ts';
import { randomValidInventory } from '../../inventory/random-inventory.ts';

const HOME = PARSE_OPTIONS.homeDir;
const PATHS = { homeDir: HOME, baseDir: '/srv/inventories' };
const KEY_A = 'SHA256:wS0m2mXn0CUbXbd8N1jZ0U6qKvYJ4p5c6G8bH1mWk2o';
const KEY_B = 'SHA256:AS0m2mXn0CUbXbd8N1jZ0U6qKvYJ4p5c6G8bH1mWk2o';

const FRESH: SetupAnswers = {
  clusterName: 'lab',
  kubernetesVersion: 'v1.36.5',
  hosts: [
    { name: 'cp1', address: '198.18.0.11', port: 22, user: 'root', keyFile: `${HOME}/.ssh/id_ed25519`, hostKey: KEY_A, roles: ['control-plane'] },
    { name: 'w1', address: 'w1.example.com', internalAddress: '198.18.0.12', port: 2222, user: 'ops', keyFile: `${HOME}/.ssh/ops`, hostKey: KEY_B, roles: ['worker'] },
    { name: 'w2', address: '198.18.0.13', port: 22, user: 'root', keyFile: `${HOME}/.ssh/id_ed25519`, hostKey: KEY_B, roles: ['control-plane', 'worker'] },
  ],
  controlPlaneEndpoint: 'api.lab.example.com',
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  overlay: { plugin: 'manifest', manifest: 'cni/calico.yaml' },
  artifacts: { source: 'bundle', path: '~/bundles/kit.tar.gz' },
};

describe('answers → inventory', () => {
  it('maps a fresh set of answers: shared SSH defaults from most hosts, host keys pinned, paths resolved', () => {
    const inventory = inventoryFromAnswers(FRESH, { paths: PATHS });
    assert.deepEqual(inventory.ssh, { user: 'root', port: 22, keyFile: `${HOME}/.ssh/id_ed25519`, knownHostsFile: `${HOME}/.ssh/known_hosts` });
    assert.deepEqual(inventory.cluster.controlPlaneEndpoint, { host: 'api.lab.example.com', port: 6443 });
    assert.deepEqual(inventory.hosts.map((host) => [host.name, host.internalAddress, host.ssh.user, host.ssh.port, host.ssh.hostKey]), [
      ['cp1', '198.18.0.11', 'root', 22, KEY_A],
      ['w1', '198.18.0.12', 'ops', 2222, KEY_B],
      ['w2', '198.18.0.13', 'root', 22, KEY_B],
    ]);
    assert.deepEqual(inventory.network, { plugin: 'manifest', manifest: { kind: 'file', path: '/srv/inventories/cni/calico.yaml' } });
    assert.deepEqual(inventory.artifacts, { source: 'bundle', path: `${HOME}/bundles/kit.tar.gz`, cacheDir: `${HOME}/.cache/kit` });
    assert.deepEqual(inventory.pki, { keyType: 'rsa', keySize: 2048, certificateValidityDays: 365, caValidityDays: 3650 });
  });

  it('renders to a file that validates and parses back to the same inventory', () => {
    const inventory = inventoryFromAnswers(FRESH, { paths: PATHS });
    const text = renderInventory(inventory, { homeDir: HOME });
    assert.deepEqual(parseInventory(text, '/srv/inventories/inventory.yaml', PARSE_OPTIONS), inventory);
    assert.match(text, /^ {6}hostKey: SHA256:wS0m/mu, 'every host key is pinned in its host block');
    assert.doesNotMatch(text.split('hosts:')[1] ?? '', /^ {6}user: root$/mu, 'hosts repeat no shared default');
  });

  it('pre-fills --from answers that write the same inventory again (120 random inventories)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const inventory = parseInventory(randomValidInventory(seed), `/srv/inventories/random-${seed}.yaml`, PARSE_OPTIONS);
      const answers = answersFromInventory(inventory, HOME);
      assert.deepEqual(inventoryFromAnswers(answers, { paths: PATHS, base: inventory }), inventory, `seed ${seed}`);
    }
  });

  it('keeps what it does not ask from the --from inventory, and drops what belonged to removed hosts', () => {
    const example = parseInventory(readFileSync(new URL('../../../../inventory.example.yaml', import.meta.url), 'utf8'), '/srv/inventories/inventory.yaml', PARSE_OPTIONS);
    const answers = answersFromInventory(example, HOME);
    const kept = answers.hosts.filter((host) => host.name !== 'cp3').map((host) => (host.name === 'cp1' ? { ...host, address: '203.0.113.99' } : host));
    const inventory = inventoryFromAnswers({ ...answers, hosts: kept, overlay: { plugin: 'vxlan' } }, { paths: PATHS, base: example });
    assert.deepEqual(inventory.hosts.map((host) => host.name), example.hosts.filter((host) => host.name !== 'cp3').map((host) => host.name));
    assert.equal(inventory.hosts[0]?.address, '203.0.113.99');
    assert.equal(inventory.hosts[0]?.internalAddress, '10.0.0.10', 'the internal address is an answer of its own');
    const worker = inventory.hosts.find((host) => host.name === 'worker1');
    const exampleWorker = example.hosts.find((host) => host.name === 'worker1');
    assert.deepEqual(worker?.labels, exampleWorker?.labels);
    assert.deepEqual(worker?.ssh.bastion, exampleWorker?.ssh.bastion);
    assert.deepEqual([inventory.cluster.dnsDomain, inventory.cluster.extraSans, inventory.pki], [example.cluster.dnsDomain, example.cluster.extraSans, example.pki]);
  });
});

describe('inventory → answers (--from pre-fill)', () => {
  it('gives each question the inventory value, paths under home with ~', () => {
    const inventory = inventoryFromAnswers(FRESH, { paths: PATHS });
    const answers = answersFromInventory(inventory, HOME);
    assert.deepEqual(answers, {
      ...FRESH,
      controlPlaneEndpoint: 'api.lab.example.com:6443',
      overlay: { plugin: 'manifest', manifest: '/srv/inventories/cni/calico.yaml' },
      artifacts: { source: 'bundle', path: '~/bundles/kit.tar.gz' },
    });
  });

  it('offers a manifest URL and a download mirror as they are', () => {
    const inventory = inventoryFromAnswers(
      { ...FRESH, overlay: { plugin: 'manifest', manifest: 'https://example.com/flannel.yml' }, artifacts: { source: 'download', mirror: 'https://mirror.example.com/k8s' } },
      { paths: PATHS },
    );
    const answers = answersFromInventory(inventory, HOME);
    assert.deepEqual([answers.overlay, answers.artifacts], [
      { plugin: 'manifest', manifest: 'https://example.com/flannel.yml' },
      { source: 'download', mirror: 'https://mirror.example.com/k8s' },
    ]);
  });
});
