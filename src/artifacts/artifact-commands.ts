import { stat } from 'node:fs/promises';
import type { ArtifactsConfig } from '../inventory/inventory.ts';
import { loadArtifacts, type LoadedArtifacts, type LoadOptions } from './load-artifacts.ts';
import { verifyBundleArchive } from './verify-archive.ts';
import { verifyBundleDir } from './verify-bundle.ts';
import { writeBundleArchive, type WrittenBundle } from './write-bundle.ts';

/*
 * What `kit artifacts pull | bundle | verify` do; the CLI parses arguments, draws progress
 * and prints these results. None of them talks to a host.
 */

export interface ArtifactsSummary {
  /** The folder holding the verified files (the cache, or an unpacked or given bundle). */
  readonly dir: string;
  readonly kubernetesVersion: string;
  readonly arch: string;
  readonly files: number;
  readonly bytes: number;
}

/** `kit artifacts pull`: fills the cache from the inventory's source and verifies it. */
export async function artifactsPull(config: ArtifactsConfig, options: LoadOptions): Promise<ArtifactsSummary & { readonly loaded: LoadedArtifacts }> {
  const loaded = await loadArtifacts(config, options);
  return { ...summarize(loaded.bundle.dir, loaded.bundle.manifest), loaded };
}

/** `kit artifacts bundle -o FILE`: the verified artifacts as one archive for an offline install. */
export async function artifactsBundle(config: ArtifactsConfig, options: LoadOptions & { readonly output: string }): Promise<WrittenBundle & { readonly files: number }> {
  const loaded = await loadArtifacts(config, options);
  const written = await writeBundleArchive(loaded.bundle, options.output, options.signal === undefined ? {} : { signal: options.signal });
  return { ...written, files: loaded.bundle.files.length };
}

/** `kit artifacts verify [PATH]`: a bundle folder or archive, or a cache folder, checked file by file. */
export async function artifactsVerify(path: string, options: { readonly signal?: AbortSignal } = {}): Promise<ArtifactsSummary> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const bundle = await verifyBundleDir(path, options);
    return summarize(path, bundle.manifest);
  }
  const checked = await verifyBundleArchive(path, options);
  return summarize(path, checked.manifest);
}

function summarize(dir: string, manifest: { kubernetesVersion: string; arch: string; files: readonly { size: number }[] }): ArtifactsSummary {
  return {
    dir,
    kubernetesVersion: manifest.kubernetesVersion,
    arch: manifest.arch,
    files: manifest.files.length,
    bytes: manifest.files.reduce((total, file) => total + file.size, 0),
  };
}
