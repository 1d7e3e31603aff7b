import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_CATALOG } from '../../src/artifacts/artifact-catalog.ts';
import { writeFileAtomically } from '../../src/artifacts/atomic-file.ts';
import { componentVersions } from '../../src/artifacts/component-versions.ts';
import { fileSha256 } from '../../src/artifacts/file-sha256.ts';
import { tarChunks, type TarInput } from '../../src/artifacts/tar-writer.ts';
import { artifactSource, type RemoteAsset } from '../../src/artifacts/upstream-layout.ts';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { DEFAULT_ARTIFACT_CACHE } from '../artifacts/debian-binaries.ts';
import type { RigBundle } from './rig-bundle.ts';

const BASE = 'http://mirror.invalid';

/**
 * A download mirror with the upstream layout (`<host>/<path>` as `wget -x` saves it), made
 * from the rig bundle's files: Kubernetes binaries with bare `.sha256` files, etcd,
 * containerd and CNI plugins as release tarballs with `<hex>  <name>` sums, runc as
 * `runc.amd64` + `runc.sha256sum`, and the pause image under kit-images/. crictl and CoreDNS
 * are absent, as on a mirror that lacks optional files. Cached per machine, keyed by the bundle.
 */
export async function ensureRigMirror(bundle: RigBundle): Promise<string> {
  const identity = bundle.manifest.files.map((file) => `${file.path} ${file.sha256}`).sort().join('\n');
  const key = createHash('sha256').update(identity).update(await readFile(import.meta.filename)).digest('hex').slice(0, 16);
  const root = path.join(process.env['KIT_CACHE'] ?? DEFAULT_ARTIFACT_CACHE, 'rig-mirror', key);
  if (await stat(path.join(root, '.complete')).then(() => true, () => false)) return root;
  const temp = `${root}.new-${randomBytes(4).toString('hex')}`;
  try {
    await buildMirror(bundle, temp);
    await writeFile(path.join(temp, '.complete'), '');
    await rm(root, { recursive: true, force: true });
    await rename(temp, root);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return root;
}

/** Lays out the mirror for any bundle folder (unit tests use tiny fake ones). */
export async function buildMirror(bundle: RigBundle, root: string): Promise<void> {
  const versions = componentVersions(bundle.manifest.kubernetesVersion);
  const byName = new Map(bundle.manifest.files.map((file) => [file.name, file]));
  const assets = new Map<string, { asset: RemoteAsset; members: (Omit<TarInput, 'from'> & { path: string })[] }>();
  for (const spec of ARTIFACT_CATALOG) {
    const file = byName.get(spec.name);
    const source = artifactSource(spec, versions, { arch: 'amd64', mirror: BASE });
    if (file === undefined || source === undefined) continue;
    const entry = assets.get(source.asset.url) ?? { asset: source.asset, members: [] };
    entry.members.push({ name: source.member ?? '', mode: spec.mode, size: file.size, path: path.join(bundle.dir, ...file.path.split('/')) });
    assets.set(source.asset.url, entry);
  }
  const sums = new Map<string, string[]>();
  for (const { asset, members } of assets.values()) {
    const target = local(root, asset.url);
    await mkdir(path.dirname(target), { recursive: true });
    const [only] = members;
    let sha256: string;
    if (members.length === 1 && only !== undefined && only.name === '') {
      await link(only.path, target).catch(() => copyFile(only.path, target));
      sha256 = await fileSha256(target);
    } else {
      const inputs = members.map(({ path: from, ...member }) => ({ ...member, from: { path: from } }));
      const gzip = Readable.from(tarChunks(inputs)).pipe(createGzip({ level: 1 }));
      sha256 = (await writeFileAtomically(target, gzip)).sha256;
    }
    // Kubernetes and image sums are a bare hex; the GitHub projects' list `<hex>  <name>`.
    const bare = asset.sumUrl === `${asset.url}.sha256` && (asset.url.includes('/dl.k8s.io/') || asset.url.includes('/kit-images/'));
    sums.set(asset.sumUrl, [...(sums.get(asset.sumUrl) ?? []), bare ? sha256 : `${sha256}  ${asset.fileName}`]);
  }
  for (const [url, lines] of sums) await writeFile(local(root, url), `${lines.join('\n')}\n`);
}

function local(root: string, url: string): string {
  return path.join(root, ...url.slice(BASE.length + 1).split('/'));
}
