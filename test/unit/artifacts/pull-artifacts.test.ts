import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ArtifactChecksumError, ArtifactDownloadError } from '../../../src/artifacts/artifact-errors.ts';
import { artifactCacheDir, pullArtifacts } from '../../../src/artifacts/pull-artifacts.ts';
import { CancelledError } from '../../../src/errors/cancelled-error.ts';
import { buildMirror } from '../../support/rig-mirror.ts';
import { startMirrorServer, type MirrorServer } from '../../support/mirror-server.ts';
import { writeFakeBundle } from './fake-bundle.ts';

let work: string;
let mirror: MirrorServer;
let cacheDir: string;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

const pull = (extra: { mirror?: string } = {}): ReturnType<typeof pullArtifacts> =>
  pullArtifacts({ kubernetesVersion: 'v1.20.2', arch: 'amd64', cacheDir, mirror: extra.mirror ?? mirror.url });

before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kit-pull-'));
  const bundleDir = path.join(work, 'bundle');
  const manifest = await writeFakeBundle(bundleDir);
  await buildMirror({ dir: bundleDir, manifest }, path.join(work, 'mirror'));
  mirror = await startMirrorServer(path.join(work, 'mirror'));
});
after(async () => {
  await mirror.close();
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(work, 'cache-'));
  mirror.overrides.clear();
  mirror.requests.length = 0;
});

describe('pullArtifacts from a loopback mirror', () => {
  it('fills the cache once, verified, and answers from it afterwards', async () => {
    const first = await pull();
    assert.equal(first.bundle.files.length, 17);
    assert.deepEqual(first.skipped.map((skip) => skip.name).sort(), ['coredns', 'crictl']);
    assert.ok(first.downloaded.includes('containerd-1.6.20-linux-amd64.tar.gz'));
    const dir = artifactCacheDir(cacheDir, 'v1.20.2', 'amd64');
    assert.equal(first.bundle.dir, dir);
    assert.ok((await readFile(path.join(dir, 'manifest.json'), 'utf8')).includes('"bin/ctr"'));
    mirror.requests.length = 0;
    const second = await pull();
    assert.deepEqual(second.downloaded, []);
    // Only the optional files the mirror lacks are asked for again.
    assert.deepEqual(mirror.requests.filter((request) => !/crictl|coredns/.test(request)), []);
    assert.deepEqual(second.bundle.manifest.files, first.bundle.manifest.files);
  });

  it('downloads again only a cached file that was damaged', async () => {
    await pull();
    const dir = artifactCacheDir(cacheDir, 'v1.20.2', 'amd64');
    await writeFile(path.join(dir, 'bin', 'kubelet'), 'tampered');
    mirror.requests.length = 0;
    const again = await pull();
    assert.deepEqual(again.downloaded, ['kubelet']);
    assert.notEqual(await readFile(path.join(dir, 'bin', 'kubelet'), 'utf8'), 'tampered');
  });

  it('refuses a file whose published sum is wrong, names it, and caches nothing of it', async () => {
    const sumPath = '/dl.k8s.io/release/v1.20.2/bin/linux/amd64/kubelet.sha256';
    mirror.overrides.set(sumPath, `${'0'.repeat(64)}\n`);
    const error = await pull().then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ArtifactChecksumError, String(error));
    assert.equal(error.mismatches[0]?.file, 'kubelet');
    assert.match(error.message, /kubelet .*\/bin\/linux\/amd64\/kubelet\): expected sha256 0{64}/);
    const cached = await filesUnder(cacheDir);
    assert.ok(!cached.some((file) => file.endsWith('bin/kubelet') || file.includes('.part-') || file.endsWith('manifest.json')), cached.join(' '));
  });

  it('refuses an archive whose sum is wrong before taking anything out of it', async () => {
    const sumPath = '/github.com/containerd/containerd/releases/download/v1.6.20/containerd-1.6.20-linux-amd64.tar.gz.sha256sum';
    mirror.overrides.set(sumPath, `${'1'.repeat(64)}  containerd-1.6.20-linux-amd64.tar.gz\n`);
    await assert.rejects(pull(), (error: unknown) => error instanceof ArtifactChecksumError && error.mismatches[0]?.file === 'containerd-1.6.20-linux-amd64.tar.gz');
    const cached = await filesUnder(cacheDir);
    assert.ok(!cached.some((file) => /bin\/(containerd|ctr)|downloads\//.test(file)), cached.join(' '));
  });

  it('fails a required file the mirror lacks, naming the URL', async () => {
    mirror.overrides.set('/github.com/opencontainers/runc/releases/download/v1.1.5/runc.sha256sum', `${'2'.repeat(64)}  runc.arm64\n`);
    await assert.rejects(pull(), (error: unknown) => error instanceof ArtifactDownloadError && /publishes no sha256 for runc\.amd64/.test(error.message));
  });
});

describe('a download that breaks off', () => {
  let server: Server;
  let base: string;
  before(async () => {
    // Announces 1 MB, sends 1000 bytes, then drops the connection.
    server = createServer((request, response) => {
      if (request.url?.endsWith('.sha256') === true) {
        response.end(`${'3'.repeat(64)}\n`);
        return;
      }
      response.writeHead(200, { 'content-length': 1_000_000 });
      response.write(Buffer.alloc(1000));
      // Under /stall/ the rest never comes: only the client's abort ends the request.
      if (request.url?.startsWith('/stall/') !== true) setTimeout(() => request.socket.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('never leaves a partial file in the cache', async () => {
    const error = await pull({ mirror: base }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ArtifactDownloadError, String(error));
    assert.match(error.message, /broke off after 1000 bytes/);
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('stops at once when cancelled, leaving no partial file', async () => {
    const controller = new AbortController();
    const pulling = pullArtifacts({
      kubernetesVersion: 'v1.20.2', arch: 'amd64', cacheDir, mirror: `${base}/stall`, signal: controller.signal,
      onProgress: (event) => { if (event.done > 0) controller.abort(); },
    });
    await assert.rejects(pulling, (error: unknown) => error instanceof CancelledError);
    assert.deepEqual(await filesUnder(cacheDir), []);
  });
});
