import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifactsVerify } from '../../../src/artifacts/artifact-commands.ts';
import { ArtifactChecksumError, ArtifactsMismatchError, BundleManifestError } from '../../../src/artifacts/artifact-errors.ts';
import { loadArtifacts } from '../../../src/artifacts/load-artifacts.ts';
import { openBundle, unpackTar } from '../../../src/artifacts/open-bundle.ts';
import { verifyBundleArchive } from '../../../src/artifacts/verify-archive.ts';
import { verifyBundleDir } from '../../../src/artifacts/verify-bundle.ts';
import { writeBundleArchive } from '../../../src/artifacts/write-bundle.ts';
import { writeFakeBundle } from './fake-bundle.ts';

let work: string;
let bundleDir: string;

before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kit-bundle-'));
  bundleDir = path.join(work, 'bundle');
  await writeFakeBundle(bundleDir);
});
after(async () => { await rm(work, { recursive: true, force: true }); });

async function corruptedCopy(name: string, change: (content: Buffer) => Buffer): Promise<string> {
  const copy = await mkdtemp(path.join(work, 'copy-'));
  await writeFakeBundle(copy);
  const file = path.join(copy, name);
  await writeFile(file, change(await readFile(file)));
  return copy;
}

describe('bundle folders', () => {
  it('verifies every file of a good bundle', async () => {
    const bundle = await verifyBundleDir(bundleDir);
    assert.equal(bundle.files.length, 17);
    assert.equal(bundle.images[0]?.fileName, 'pause');
    assert.equal(bundle.files.find((file) => file.name === 'kubelet')?.localPath, path.join(bundleDir, 'bin', 'kubelet'));
  });

  it('refuses a bundle with a changed, a shortened and a missing file, naming each', async () => {
    const copy = await corruptedCopy('bin/kubelet', (content) => { content[3] = 0; return content; });
    await writeFile(path.join(copy, 'cni/bridge'), 'short');
    await rm(path.join(copy, 'bin/etcd'));
    const error = await verifyBundleDir(copy).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ArtifactChecksumError, String(error));
    assert.deepEqual(error.mismatches.map((bad) => bad.file).sort(), ['bridge', 'etcd', 'kubelet']);
    assert.match(error.message, /nothing was installed/);
    assert.match(error.message, /etcd \(bin\/etcd\): expected sha256 [0-9a-f]{64}, got missing/);
  });

  it('says when manifest.json is missing', async () => {
    await assert.rejects(verifyBundleDir(work), (error: unknown) => error instanceof BundleManifestError && /the file is missing/.test(error.message));
  });
});

describe('bundle archives', () => {
  it('writes a reproducible archive that verifies without unpacking', async () => {
    const bundle = await verifyBundleDir(bundleDir);
    const first = await writeBundleArchive(bundle, path.join(work, 'a.tar.gz'));
    const second = await writeBundleArchive(bundle, path.join(work, 'b.tar.gz'));
    assert.equal(first.sha256, second.sha256);
    const checked = await verifyBundleArchive(first.path);
    assert.equal(checked.files, 17);
    const summary = await artifactsVerify(first.path);
    assert.equal(summary.kubernetesVersion, 'v1.20.2');
  });

  it('refuses an archive whose member differs from the manifest, naming it', async () => {
    const copy = await corruptedCopy('bin/runc', (content) => Buffer.concat([content.subarray(1), Buffer.from('x')]));
    await writeFile(path.join(copy, 'manifest.json'), await readFile(path.join(bundleDir, 'manifest.json')));
    const archive = path.join(work, 'bad-runc.tar');
    execFileSync('tar', ['-cf', archive, '-C', copy, '.']);
    const error = await verifyBundleArchive(archive).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ArtifactChecksumError, String(error));
    assert.deepEqual(error.mismatches.map((bad) => [bad.file, bad.where]), [['runc', `${archive}:bin/runc`]]);
  });

  it('will not archive a file that changed after it was verified', async () => {
    const copy = await mkdtemp(path.join(work, 'changing-'));
    await writeFakeBundle(copy);
    const bundle = await verifyBundleDir(copy);
    const runc = path.join(copy, 'bin/runc');
    const content = await readFile(runc);
    content[0] = (content[0] ?? 0) ^ 1;
    await writeFile(runc, content);
    await assert.rejects(writeBundleArchive(bundle, path.join(work, 'changed.tar')), /bin\/runc changed since it was verified/);
    assert.equal((await readdir(work)).some((name) => name.includes('changed.tar')), false);
  });

  it('unpacks a tarball into the cache once, and refuses a bad one leaving nothing', async () => {
    const archive = (await writeBundleArchive(await verifyBundleDir(bundleDir), path.join(work, 'ok.tgz'))).path;
    const cacheDir = await mkdtemp(path.join(work, 'cache-'));
    const opened = await openBundle(archive, { cacheDir });
    assert.ok(opened.dir.startsWith(path.join(cacheDir, 'bundles')));
    const before = (await stat(opened.dir)).mtimeMs;
    const again = await openBundle(archive, { cacheDir });
    assert.equal(again.dir, opened.dir);
    assert.equal((await stat(again.dir)).mtimeMs, before);

    const unpacked = await mkdtemp(path.join(work, 'unpacked-'));
    await unpackTar(archive, unpacked);
    await writeFile(path.join(unpacked, 'bin/kube-proxy'), 'evil');
    const badArchive = path.join(work, 'bad.tgz');
    execFileSync('tar', ['-czf', badArchive, '-C', unpacked, '.']);
    const badCache = await mkdtemp(path.join(work, 'cache-'));
    await assert.rejects(openBundle(badArchive, { cacheDir: badCache }), (error: unknown) => error instanceof ArtifactChecksumError && error.mismatches[0]?.file === 'kube-proxy');
    assert.deepEqual(await readdir(path.join(badCache, 'bundles')), []);
  });
});

describe('loadArtifacts from a bundle', () => {
  it('refuses a bundle of another version, and one that lacks a required file', async () => {
    const cacheDir = path.join(work, 'cache');
    await assert.rejects(
      loadArtifacts({ source: 'bundle', path: bundleDir, cacheDir }, { kubernetesVersion: 'v1.36.2', arch: 'amd64' }),
      (error: unknown) => error instanceof ArtifactsMismatchError && /holds Kubernetes v1\.20\.2 for amd64, but the cluster needs v1\.36\.2/.test(error.message),
    );
    const partial = await mkdtemp(path.join(work, 'partial-'));
    await writeFakeBundle(partial, { leaveOut: ['crictl', 'coredns', 'runc', 'portmap'] });
    await assert.rejects(
      loadArtifacts({ source: 'bundle', path: partial, cacheDir }, { kubernetesVersion: 'v1.20.2', arch: 'amd64' }),
      (error: unknown) => error instanceof ArtifactsMismatchError && /lacks runc, portmap/.test(error.message),
    );
    const loaded = await loadArtifacts({ source: 'bundle', path: bundleDir, cacheDir }, { kubernetesVersion: 'v1.20.2', arch: 'amd64' });
    assert.deepEqual([...loaded.notDelivered].sort(), ['coredns', 'crictl']);
  });
});
