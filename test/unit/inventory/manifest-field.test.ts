import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InventoryInvalidError } from '../../../src/inventory/inventory-invalid-error.ts';
import { loadInventory } from '../../../src/inventory/load-inventory.ts';
import { BASE_INVENTORY, edit } from './inventory-fixtures.ts';

const VXLAN = 'plugin: vxlan\n  vxlan:\n    vni: 1\n    port: 4789\n';
const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tiny-cni\n  namespace: kube-system\ndata: {}\n';

/** network.manifest's value sits on line 19, column 13 of the edited BASE_INVENTORY. */
const AT = ':19:13 network.manifest: ';

describe('network.manifest on load', () => {
  let dir = '';
  const inventoryFor = async (manifest: string): Promise<string> => {
    const file = join(dir, `inventory-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, edit(BASE_INVENTORY, VXLAN, `plugin: manifest\n  manifest: ${manifest}\n`));
    return file;
  };
  const problemFor = async (manifest: string): Promise<{ text: string; hint: string }> => {
    const file = await inventoryFor(manifest);
    try {
      await loadInventory(file, { homeDir: '/home/kit' });
    } catch (error) {
      assert.ok(error instanceof InventoryInvalidError, String(error));
      assert.equal(error.problems.length, 1);
      const [problem] = error.problems;
      return { text: error.message.split('\n')[1] ?? '', hint: `${problem?.hint ?? ''}` };
    }
    throw new Error('expected the inventory to be refused');
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-manifest-field-'));
    await mkdir(join(dir, 'cni'));
    await writeFile(join(dir, 'cni', 'good.yaml'), GOOD);
    await writeFile(join(dir, 'cni', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n');
    await writeFile(join(dir, 'cni', 'not-objects.yaml'), GOOD + '---\nhello: world\n');
    await writeFile(join(dir, 'cni', 'empty.yaml'), '# nothing here\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a manifest file relative to the inventory and resolves it to an absolute path', async () => {
    const inventory = await loadInventory(await inventoryFor('./cni/good.yaml'), { homeDir: '/home/kit' });
    assert.deepEqual(inventory.network, { plugin: 'manifest', manifest: { kind: 'file', path: join(dir, 'cni', 'good.yaml') } });
  });

  it('refuses a missing file at the field, naming the path it tried', async () => {
    const { text, hint } = await problemFor('./cni/missing.yaml');
    assert.ok(text.endsWith(`${AT}./cni/missing.yaml: no such file`), text);
    assert.ok(hint.includes(join(dir, 'cni', 'missing.yaml')), hint);
  });

  it('refuses a directory', async () => {
    assert.ok((await problemFor('./cni')).text.endsWith(`${AT}./cni: it is a directory, not a file`));
  });

  it('refuses YAML that does not parse, with the line inside the manifest', async () => {
    const { text, hint } = await problemFor('cni/broken.yaml');
    assert.match(text, new RegExp(`${AT}cni/broken\\.yaml:4:\\d+: YAML: `, 'u'));
    assert.match(hint, /kubectl apply -f/u);
  });

  it('refuses documents that are not Kubernetes objects, and a file with none', async () => {
    assert.ok((await problemFor('cni/not-objects.yaml')).text.endsWith(`${AT}cni/not-objects.yaml:8:1: document 2 (line 8) has no apiVersion`));
    assert.ok((await problemFor('cni/empty.yaml')).text.endsWith(`${AT}cni/empty.yaml:1:1: holds no Kubernetes object`));
  });

  it('reports a missing manifest together with the problems of other fields, in file order', async () => {
    const file = join(dir, 'two-problems.yaml');
    await writeFile(file, edit(edit(BASE_INVENTORY, VXLAN, 'plugin: manifest\n  manifest: ./cni/missing.yaml\n'), 'podSubnet: 10.244.0.0/16', 'podSubnet: 10.244.1.0/16'));
    await assert.rejects(loadInventory(file, { homeDir: '/home/kit' }), (error: unknown) => {
      assert.ok(error instanceof InventoryInvalidError);
      assert.deepEqual(
        error.problems.map((problem) => `${problem.line} ${problem.path}: ${problem.message}`),
        ['5 cluster.podSubnet: 10.244.1.0/16 has host bits set', '19 network.manifest: ./cni/missing.yaml: no such file'],
      );
      return true;
    });
  });

  it('leaves a URL to the add-ons phase (nothing is fetched while loading)', async () => {
    const inventory = await loadInventory(await inventoryFor('https://example.com/kube-flannel.yml'), { homeDir: '/home/kit' });
    assert.deepEqual(inventory.network, { plugin: 'manifest', manifest: { kind: 'url', url: 'https://example.com/kube-flannel.yml' } });
  });
});
