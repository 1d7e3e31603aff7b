import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InventoryInvalidError } from '../../../src/inventory/inventory-invalid-error.ts';
import { InventoryUnreadableError } from '../../../src/inventory/inventory-unreadable-error.ts';
import { loadInventory } from '../../../src/inventory/load-inventory.ts';
import { BASE_INVENTORY, edit } from './inventory-fixtures.ts';

describe('loadInventory', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-inventory-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves relative paths against the file, not the working directory', async () => {
    const file = join(dir, 'cluster.yaml');
    await writeFile(file, edit(BASE_INVENTORY, 'port: 22\n', 'port: 22\n  keyFile: keys/id\n'));
    const inventory = await loadInventory(file, { homeDir: '/home/kit' });
    assert.equal(inventory.hosts[0]?.ssh.keyFile, join(dir, 'keys/id'));
  });

  it('names the file as given in every problem', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, edit(BASE_INVENTORY, 'vni: 1', 'vni: -3'));
    await assert.rejects(loadInventory(file), (error: unknown) => {
      assert.ok(error instanceof InventoryInvalidError);
      assert.equal(error.problems[0]?.file, file);
      assert.ok(error.message.includes(`${file}:20:10 network.vxlan.vni:`), error.message);
      return true;
    });
  });

  it('throws InventoryUnreadableError for a missing file or a directory', async () => {
    await assert.rejects(loadInventory(join(dir, 'nope.yaml')), (error: unknown) => error instanceof InventoryUnreadableError && error.code === 'INVENTORY_UNREADABLE' && /no such file/u.test(error.message));
    await mkdir(join(dir, 'folder'));
    await assert.rejects(loadInventory(join(dir, 'folder')), (error: unknown) => error instanceof InventoryUnreadableError && /directory/u.test(error.message));
  });
});
