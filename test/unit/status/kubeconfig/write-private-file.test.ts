import assert from 'node:assert/strict';
import { lstat, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { writePrivateFile } from '../../../../src/status/kubeconfig/write-private-file.ts';

describe('writePrivateFile', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kit-private-file-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates the directory 0700 and the file 0600, leaving no temp file', async () => {
    const target = path.join(dir, 'new', '.kube', 'config');
    await writePrivateFile(target, 'a: 1\n');
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    assert.equal((await stat(path.dirname(target))).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(path.dirname(target)), ['config']);
  });

  it('narrows a world-readable file to 0600 and follows a symlink instead of replacing it', async () => {
    const real = path.join(dir, 'real-config');
    const link = path.join(dir, 'link-config');
    await writeFile(real, 'old\n', { mode: 0o644 });
    await symlink(real, link);
    const written = await writePrivateFile(link, 'new\n');
    assert.equal(written, real);
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.equal(await readFile(real, 'utf8'), 'new\n');
    assert.equal((await stat(real)).mode & 0o777, 0o600);
  });
});
