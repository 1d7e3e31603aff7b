import type { ArtifactsConfig } from '../inventory/inventory.ts';
import { ARTIFACT_CATALOG } from './artifact-catalog.ts';
import { ArtifactsMismatchError } from './artifact-errors.ts';
import { componentVersions } from './component-versions.ts';
import { missingRequired } from './host-artifacts.ts';
import { openBundle } from './open-bundle.ts';
import { OS_PACKAGE_ARTIFACTS } from './os-packages.ts';
import { pullArtifacts, type PullOptions } from './pull-artifacts.ts';
import type { Arch } from './upstream-layout.ts';
import type { VerifiedBundle } from './verified-bundle.ts';

export interface LoadOptions {
  /** Exact, `vMAJOR.MINOR.PATCH` (the inventory's cluster.kubernetesVersion). */
  readonly kubernetesVersion: string;
  readonly arch: Arch;
  readonly signal?: AbortSignal;
  readonly onProgress?: PullOptions['onProgress'];
}

export interface LoadedArtifacts {
  readonly source: ArtifactsConfig['source'];
  /** Every file in it matched its sha256: the only input delivery accepts. */
  readonly bundle: VerifiedBundle;
  /** Catalog names another source provides (os-packages: the runtime); pass to artifactsForHost. */
  readonly exclude: readonly string[];
  /** Catalog names nobody delivers: images the runtime will pull, optional files a bundle left out. */
  readonly notDelivered: readonly string[];
}

/**
 * Brings the artifacts for one version and arch onto this machine, verified, from the
 * inventory's source. Nothing is sent to any host here; a bad file stops everything before
 * delivery starts.
 */
export async function loadArtifacts(config: ArtifactsConfig, options: LoadOptions): Promise<LoadedArtifacts> {
  const versions = componentVersions(options.kubernetesVersion);
  const common = { kubernetesVersion: versions.kubernetes, arch: options.arch, cacheDir: config.cacheDir, ...optional(options) };
  if (config.source === 'bundle') {
    const bundle = await openBundle(config.path, { cacheDir: config.cacheDir, ...(options.signal === undefined ? {} : { signal: options.signal }) });
    checkBundleFits(bundle, config.path, versions.kubernetes, options.arch);
    const present = new Set(bundle.files.map((file) => file.name));
    const notDelivered = ARTIFACT_CATALOG.filter((spec) => !present.has(spec.name)).map((spec) => spec.name);
    return { source: 'bundle', bundle, exclude: [], notDelivered };
  }
  const exclude = config.source === 'os-packages' ? OS_PACKAGE_ARTIFACTS : [];
  const mirror = config.source === 'download' && config.mirror !== undefined ? { mirror: config.mirror } : {};
  const pulled = await pullArtifacts({ ...common, ...mirror, exclude });
  return { source: config.source, bundle: pulled.bundle, exclude, notDelivered: pulled.notDownloadable.map((spec) => spec.name) };
}

function checkBundleFits(bundle: VerifiedBundle, where: string, version: string, arch: Arch): void {
  const { manifest } = bundle;
  if (manifest.kubernetesVersion !== version || manifest.arch !== arch) {
    throw new ArtifactsMismatchError(
      `the bundle ${where} holds Kubernetes ${manifest.kubernetesVersion} for ${manifest.arch}, but the cluster needs ${version} for ${arch}`,
      `Set cluster.kubernetesVersion to ${manifest.kubernetesVersion}, or make a bundle for ${version} (kit artifacts bundle) and point artifacts.path at it.`,
    );
  }
  const missing = missingRequired(bundle);
  if (missing.length > 0) {
    throw new ArtifactsMismatchError(
      `the bundle ${where} lacks ${missing.map((spec) => spec.name).join(', ')}, which every ${version} cluster needs`,
      'Rebuild the bundle with kit artifacts pull and kit artifacts bundle -o FILE on a machine that can download them.',
    );
  }
}

function optional(options: LoadOptions): Pick<PullOptions, 'signal' | 'onProgress'> {
  return { ...(options.signal === undefined ? {} : { signal: options.signal }), ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) };
}
