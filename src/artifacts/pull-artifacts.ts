import path from 'node:path';
import { ArtifactDownloadError } from './artifact-errors.ts';
import { ARTIFACT_CATALOG, type ArtifactSpec } from './artifact-catalog.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { MANIFEST_FILE, renderBundleManifest, type BundleFile, type BundleManifest } from './bundle-manifest.ts';
import { componentVersions, type ComponentVersions } from './component-versions.ts';
import { fetchAsset, type AssetJob } from './fetch-asset.ts';
import { artifactSource, type Arch } from './upstream-layout.ts';
import type { VerifiedBundle } from './verified-bundle.ts';
import { checkBundleDir, verifiedBundle } from './verify-bundle.ts';

export interface PullOptions {
  readonly kubernetesVersion: string;
  readonly arch: Arch;
  /** The operator's cache (inventory `artifacts.cacheDir`). */
  readonly cacheDir: string;
  readonly mirror?: string;
  /** Artifacts to leave out: with os-packages the runtime comes from the hosts' package manager. */
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
  /** Per download: the asset's file name, bytes so far, total when known. */
  readonly onProgress?: (event: { readonly file: string; readonly done: number; readonly total: number | undefined }) => void;
}

export interface PullResult {
  readonly bundle: VerifiedBundle;
  /** Asset file names fetched by this call; empty when the cache already had everything. */
  readonly downloaded: readonly string[];
  /** Artifacts with no download source (images without a mirror): the runtime pulls those. */
  readonly notDownloadable: readonly ArtifactSpec[];
  /** Optional artifacts whose download failed (crictl missing from a mirror): left out, not fatal. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** `<cacheDir>/artifacts/v1.36.2-linux-amd64`: a folder laid out as a bundle. */
export function artifactCacheDir(cacheDir: string, kubernetesVersion: string, arch: Arch): string {
  return path.join(cacheDir, 'artifacts', `${kubernetesVersion}-linux-${arch}`);
}

/**
 * Fills the cache for one version and arch (`kit artifacts pull`). Files already cached and
 * still matching the cache's manifest are kept; the rest is downloaded and checked against
 * the published sums. The manifest is rewritten last, so the cache only ever lists verified
 * files; a run that fails part-way lists none of what it did not finish.
 */
export async function pullArtifacts(options: PullOptions): Promise<PullResult> {
  const versions = componentVersions(options.kubernetesVersion);
  const dir = artifactCacheDir(options.cacheDir, versions.kubernetes, options.arch);
  const specs = ARTIFACT_CATALOG.filter((spec) => !(options.exclude ?? []).includes(spec.name));
  const layout = { arch: options.arch, ...(options.mirror === undefined ? {} : { mirror: options.mirror }) };
  const notDownloadable = specs.filter((spec) => artifactSource(spec, versions, layout) === undefined);
  const kept = await usableCachedFiles(dir, versions.kubernetes, options.arch);
  const todo = specs.filter((spec) => !kept.has(spec.name) && !notDownloadable.includes(spec));
  const jobs = groupByAsset(todo, versions, layout);
  const context = {
    dir,
    downloadsDir: path.join(options.cacheDir, 'downloads'),
    sums: new Map<string, string>(),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const fetched: BundleFile[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const downloaded: string[] = [];
  for (const job of jobs) {
    const onBytes = (done: number, total: number | undefined): void => options.onProgress?.({ file: job.asset.fileName, done, total });
    try {
      fetched.push(...(await fetchAsset(job, { ...context, onBytes })));
      downloaded.push(job.asset.fileName);
    } catch (error) {
      // A wrong sum is never tolerated; an optional file the server lacks is.
      if (!(error instanceof ArtifactDownloadError) || job.wants.some((want) => want.spec.required)) throw error;
      skipped.push(...job.wants.map((want) => ({ name: want.spec.name, reason: error.message })));
    }
  }
  // Every file below was hashed just now (kept) or while it was written (fetched).
  const manifest = manifestFor(versions, options.arch, [...kept.values(), ...fetched]);
  if (jobs.length > 0 || kept.size === 0) await writeManifest(dir, manifest);
  return { bundle: verifiedBundle(dir, manifest), downloaded, notDownloadable, skipped };
}

function groupByAsset(specs: readonly ArtifactSpec[], versions: ComponentVersions, layout: { arch: Arch; mirror?: string }): AssetJob[] {
  const jobs = new Map<string, { asset: AssetJob['asset']; wants: { spec: ArtifactSpec; member?: string }[] }>();
  for (const spec of specs) {
    const source = artifactSource(spec, versions, layout);
    if (source === undefined) continue;
    const job = jobs.get(source.asset.url) ?? { asset: source.asset, wants: [] };
    job.wants.push(source.member === undefined ? { spec } : { spec, member: source.member });
    jobs.set(source.asset.url, job);
  }
  return [...jobs.values()];
}

/** The cached files that still match the cache's manifest; none when there is no usable manifest. */
async function usableCachedFiles(dir: string, version: string, arch: Arch): Promise<Map<string, BundleFile>> {
  const check = await checkBundleDir(dir).catch(() => undefined);
  if (check === undefined || check.manifest.kubernetesVersion !== version || check.manifest.arch !== arch) return new Map();
  // Damaged files are fetched again; the intact ones stay.
  return new Map(check.good.map(({ localPath: _, ...file }) => [file.name, file]));
}

function manifestFor(versions: ComponentVersions, arch: Arch, files: readonly BundleFile[]): BundleManifest {
  const images = files.flatMap((file) => {
    const spec = ARTIFACT_CATALOG.find((candidate) => candidate.name === file.name);
    return file.kind === 'image' && spec?.imageRef !== undefined ? [{ ref: spec.imageRef(versions), path: file.path, sha256: file.sha256 }] : [];
  });
  const { kubernetes, etcd, containerd, runc, cniPlugins, crictl, pause, coreDns } = versions;
  return {
    kubernetesVersion: kubernetes,
    arch,
    components: { kubernetes, etcd, containerd, runc, 'cni-plugins': cniPlugins, crictl, pause, coredns: coreDns },
    // The order renderBundleManifest writes, so a fresh pull and a cache hit return the same.
    files: [...files].sort((a, b) => a.path.localeCompare(b.path)),
    images: images.sort((a, b) => a.ref.localeCompare(b.ref)),
  };
}

async function writeManifest(dir: string, manifest: BundleManifest): Promise<void> {
  await writeFileAtomically(path.join(dir, MANIFEST_FILE), [Buffer.from(renderBundleManifest(manifest))]);
}
