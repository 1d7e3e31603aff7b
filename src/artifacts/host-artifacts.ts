import type { HostRole } from '../inventory/inventory.ts';
import { ARTIFACT_CATALOG, catalogEntry, imageInstallPath, neededBy, type ArtifactKind, type ArtifactSpec } from './artifact-catalog.ts';
import type { VerifiedBundle } from './verified-bundle.ts';

/** One file to put on one host. */
export interface DeliveryFile {
  readonly name: string;
  readonly kind: ArtifactKind;
  /** On the machine running kit. */
  readonly localPath: string;
  readonly remotePath: string;
  readonly mode: number;
  readonly sha256: string;
  readonly size: number;
}

/** An image archive on a host and the reference containerd must list once it is imported. */
export interface HostImage {
  readonly ref: string;
  readonly remotePath: string;
}

export interface HostArtifacts {
  readonly files: readonly DeliveryFile[];
  readonly images: readonly HostImage[];
  /** Bundle files kit has no place for (a binary it does not know); they are not delivered. */
  readonly ignored: readonly string[];
}

export interface SelectOptions {
  /** Names left to another source (os-packages: the runtime). */
  readonly exclude?: readonly string[];
}

/**
 * What a host with these roles gets from a verified bundle: the catalog's files for its roles
 * at the catalog's paths and modes, and every image in the bundle (pods may land on any node,
 * and a bundle may carry the user's own images too).
 */
export function artifactsForHost(bundle: VerifiedBundle, roles: readonly HostRole[], options: SelectOptions = {}): HostArtifacts {
  const exclude = new Set(options.exclude ?? []);
  const files: DeliveryFile[] = [];
  const ignored: string[] = [];
  for (const file of bundle.files) {
    const spec = catalogEntry(file.name);
    const common = { name: file.name, kind: file.kind, localPath: file.localPath, sha256: file.sha256, size: file.size };
    if (spec !== undefined) {
      if (!exclude.has(spec.name) && neededBy(spec, roles)) files.push({ ...common, remotePath: spec.installPath, mode: spec.mode });
    } else if (file.kind === 'image') {
      files.push({ ...common, remotePath: imageInstallPath(file.name), mode: 0o644 });
    } else {
      ignored.push(file.name);
    }
  }
  const delivered = new Set(files.map((file) => file.name));
  const images = bundle.images
    .filter((image) => delivered.has(image.fileName))
    .map((image) => ({ ref: image.ref, remotePath: imageInstallPath(image.fileName) }));
  return { files, images, ignored };
}

/** Required catalog entries a bundle lacks (an offline install cannot fetch them later). */
export function missingRequired(bundle: VerifiedBundle, options: SelectOptions = {}): ArtifactSpec[] {
  const present = new Set(bundle.files.map((file) => file.name));
  const exclude = new Set(options.exclude ?? []);
  return ARTIFACT_CATALOG.filter((spec) => spec.required && !exclude.has(spec.name) && !present.has(spec.name));
}
