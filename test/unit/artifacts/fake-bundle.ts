import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_CATALOG, bundlePath } from '../../../src/artifacts/artifact-catalog.ts';
import { MANIFEST_FILE, renderBundleManifest, type BundleFile, type BundleManifest } from '../../../src/artifacts/bundle-manifest.ts';
import { componentVersions } from '../../../src/artifacts/component-versions.ts';

/** A complete bundle folder of tiny files (not runnable), for tests of everything but running them. */
export async function writeFakeBundle(dir: string, options: { readonly version?: string; readonly leaveOut?: readonly string[] } = {}): Promise<BundleManifest> {
  const versions = componentVersions(options.version ?? 'v1.20.2');
  const files: BundleFile[] = [];
  const images: BundleManifest['images'] = [];
  for (const spec of ARTIFACT_CATALOG) {
    if ((options.leaveOut ?? ['crictl', 'coredns']).includes(spec.name)) continue;
    const content = Buffer.from(`fake ${spec.name} ${versions.kubernetes}\n`.repeat(spec.name.length * 40));
    const relative = bundlePath(spec);
    await mkdir(path.join(dir, path.dirname(relative)), { recursive: true });
    await writeFile(path.join(dir, relative), content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    files.push({ name: spec.name, kind: spec.kind, path: relative, sha256, size: content.length, mode: spec.mode });
    if (spec.imageRef !== undefined) images.push({ ref: spec.imageRef(versions), path: relative, sha256 });
  }
  const manifest: BundleManifest = { kubernetesVersion: versions.kubernetes, arch: 'amd64', files, images };
  await writeFile(path.join(dir, MANIFEST_FILE), renderBundleManifest(manifest));
  return manifest;
}
