import type { BundleFile, BundleImage, BundleManifest } from './bundle-manifest.ts';

/** A bundle file whose bytes matched the manifest when it was checked. */
export interface VerifiedFile extends BundleFile {
  /** Absolute path on this machine. */
  readonly localPath: string;
}

export interface VerifiedImage extends BundleImage {
  readonly localPath: string;
  /** The `files[]` entry holding the archive. */
  readonly fileName: string;
}

/**
 * A folder (a bundle, or kit's download cache which has the same layout) whose every file
 * matched manifest.json. Only this type reaches delivery.
 */
export interface VerifiedBundle {
  readonly dir: string;
  readonly manifest: BundleManifest;
  readonly files: readonly VerifiedFile[];
  readonly images: readonly VerifiedImage[];
}
