import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePath, catalogEntry } from '../../src/artifacts/artifact-catalog.ts';
import { MANIFEST_FILE, parseBundleManifest, renderBundleManifest, type BundleFile, type BundleManifest } from '../../src/artifacts/bundle-manifest.ts';
import { componentVersions } from '../../src/artifacts/component-versions.ts';
import { fileSha256 } from '../../src/artifacts/file-sha256.ts';
import { readTar } from '../../src/artifacts/tar-reader.ts';
import { tarBytes } from '../../src/artifacts/archive-input.ts';
import { DEFAULT_ARTIFACT_CACHE, debianBinaryPath, ensureDebianBinaries } from '../artifacts/debian-binaries.ts';
import { execLocal } from '../rig/exec-local.ts';
import { acquireLock } from '../rig/lock.ts';
import { REPO_ROOT, RIG_BUNDLE_DIR } from '../rig/rig-paths.ts';

export const RIG_KUBERNETES_VERSION = 'v1.20.2';

/** The rig's busybox image: serves HTTP, has sh, wget, nc (docs/test-artifacts.md). */
export const RIG_BUSYBOX_IMAGE = 'localhost/kit/busybox:test';

export interface RigBundle {
  readonly dir: string;
  readonly manifest: BundleManifest;
}

interface Source {
  readonly name: string;
  readonly kind: BundleFile['kind'];
  readonly from: string;
}

const cacheRoot = (): string => process.env['KIT_CACHE'] ?? DEFAULT_ARTIFACT_CACHE;
const KUBERNETES_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubectl'];
const DEBIAN_BINARIES = ['etcd', 'etcdctl', 'containerd', 'containerd-shim-runc-v2', 'ctr', 'runc'];
const CNI_PLUGINS = ['bridge', 'host-local', 'portmap', 'loopback'];

/**
 * The rig's offline bundle, made once per machine in RIG_BUNDLE_DIR from the test-artifact
 * caches (docs/test-artifacts.md): Kubernetes v1.20.2 built from Debian's source, Debian's
 * containerd, runc, CNI plugins and etcd, and the pause and busybox images. Files are hard
 * links into those caches where possible. Rebuilt when any input's published sum changes.
 */
export async function ensureRigBundle(options: { readonly log?: (line: string) => void } = {}): Promise<RigBundle> {
  const sources = await ensureSources(options.log);
  const key = await inputsKey(sources);
  const cached = await readCached(RIG_BUNDLE_DIR, key);
  if (cached !== undefined) return cached;
  const lock = await acquireLock({ dir: `${RIG_BUNDLE_DIR}.lock`, timeoutMs: 10 * 60_000, what: 'the rig bundle' });
  try {
    const again = await readCached(RIG_BUNDLE_DIR, key);
    if (again !== undefined) return again;
    options.log?.(`making the rig bundle in ${RIG_BUNDLE_DIR}`);
    const temp = `${RIG_BUNDLE_DIR}.new-${randomBytes(4).toString('hex')}`;
    try {
      const manifest = await assemble(temp, sources);
      await writeFile(path.join(temp, '.inputs'), `${key}\n`);
      await rm(RIG_BUNDLE_DIR, { recursive: true, force: true });
      await rename(temp, RIG_BUNDLE_DIR);
      return { dir: RIG_BUNDLE_DIR, manifest };
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

/** Runs the test-artifact scripts (each prints `cached` once its output exists) and lists the files. */
async function ensureSources(log?: (line: string) => void): Promise<Source[]> {
  const scripts = ['build-kubernetes.sh', 'build-pause-image.sh', 'build-busybox-image.sh'];
  for (const script of scripts) {
    // The first Kubernetes build takes 5–40 minutes on 2 cores; afterwards it answers at once.
    const result = await execLocal(['bash', path.join(REPO_ROOT, 'test', 'artifacts', script)], { timeoutMs: 60 * 60_000 });
    log?.(`${script}: ${result.stdout.trim().split('\n').at(-1) ?? ''}`);
  }
  const debian = await ensureDebianBinaries(log === undefined ? {} : { log });
  const root = cacheRoot();
  const kubernetesBin = path.join(root, 'kubernetes', RIG_KUBERNETES_VERSION, 'bin');
  return [
    ...KUBERNETES_BINARIES.map((name) => ({ name, kind: 'binary' as const, from: path.join(kubernetesBin, name) })),
    ...DEBIAN_BINARIES.map((name) => ({ name, kind: 'binary' as const, from: debianBinaryPath(debian, name) })),
    ...CNI_PLUGINS.map((name) => ({ name, kind: 'cni-plugin' as const, from: debianBinaryPath(debian, name) })),
    { name: 'pause', kind: 'image', from: path.join(root, 'images', 'pause-3.2.tar') },
    { name: 'busybox', kind: 'image', from: path.join(root, 'images', 'busybox-test.tar') },
  ];
}

/** Cheap: path, size and mtime of every input, so an unchanged machine skips all hashing. */
async function inputsKey(sources: readonly Source[]): Promise<string> {
  const hash = createHash('sha256').update(await readFile(import.meta.filename));
  for (const source of sources) {
    const info = await stat(source.from);
    hash.update(`${source.name} ${source.from} ${info.size} ${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

async function readCached(dir: string, key: string): Promise<RigBundle | undefined> {
  const stamp = await readFile(path.join(dir, '.inputs'), 'utf8').catch(() => '');
  if (stamp.trim() !== key) return undefined;
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  return { dir, manifest: parseBundleManifest(text, path.join(dir, MANIFEST_FILE)) };
}

async function assemble(dir: string, sources: readonly Source[]): Promise<BundleManifest> {
  const files: BundleFile[] = [];
  const images: BundleManifest['images'] = [];
  for (const source of sources) {
    const relative = bundlePath(source);
    const target = path.join(dir, ...relative.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await link(source.from, target).catch(() => copyFile(source.from, target));
    const sha256 = await fileSha256(target);
    const mode = catalogEntry(source.name)?.mode ?? (source.kind === 'image' ? 0o644 : 0o755);
    files.push({ name: source.name, kind: source.kind, path: relative, sha256, size: (await stat(target)).size, mode });
    if (source.kind === 'image') {
      for (const ref of await dockerArchiveTags(target)) images.push({ ref, path: relative, sha256 });
    }
  }
  const versions = componentVersions(RIG_KUBERNETES_VERSION);
  const manifest: BundleManifest = {
    kubernetesVersion: RIG_KUBERNETES_VERSION,
    arch: 'amd64',
    components: { kubernetes: versions.kubernetes, etcd: versions.etcd, containerd: versions.containerd, runc: versions.runc, 'cni-plugins': versions.cniPlugins, pause: versions.pause },
    files,
    images,
  };
  await writeFile(path.join(dir, MANIFEST_FILE), renderBundleManifest(manifest));
  return manifest;
}

/** The RepoTags of a docker-archive (`docker save` layout). */
export async function dockerArchiveTags(archive: string): Promise<string[]> {
  const tags: string[] = [];
  await readTar(await tarBytes(archive), async (entry, body) => {
    if (entry.name !== 'manifest.json') return;
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { RepoTags?: string[] }[];
    tags.push(...manifest.flatMap((image) => image.RepoTags ?? []));
  });
  return tags;
}

/**
 * A copy of a bundle (hard links, so it costs no space) in which one file's content is
 * changed: a new inode, so the original bundle is never touched.
 */
export async function copyBundleWithCorruptFile(bundle: RigBundle, target: string, corrupt: string): Promise<void> {
  await mkdir(target, { recursive: true });
  await copyFile(path.join(bundle.dir, MANIFEST_FILE), path.join(target, MANIFEST_FILE));
  for (const file of bundle.manifest.files) {
    const from = path.join(bundle.dir, ...file.path.split('/'));
    const to = path.join(target, ...file.path.split('/'));
    await mkdir(path.dirname(to), { recursive: true });
    if (file.name !== corrupt) {
      await link(from, to).catch(() => copyFile(from, to));
      continue;
    }
    const content = await readFile(from);
    const at = Math.floor(content.length / 2);
    content[at] = (content[at] ?? 0) ^ 0xff;
    await writeFile(to, content, { mode: 0o755 });
  }
}
