/**
 * The Kubernetes releases kit can install, newest first. One row per supported minor; the
 * patch is the one kit installs when the inventory names only the minor or nothing at all.
 * A fuller version table (artifact checksums, component versions) will replace this file.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = Object.freeze(['v1.37.1', 'v1.36.5', 'v1.35.9', 'v1.20.2']);

export const DEFAULT_KUBERNETES_VERSION: string = SUPPORTED_KUBERNETES_VERSIONS[0] ?? 'v1.37.1';

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/u;

/** `v1.36` for `v1.36.5`. */
export function kubernetesMinor(version: string): string {
  const match = VERSION.exec(version);
  return match === null ? version : `v${Number(match[1])}.${Number(match[2])}`;
}

export function supportedKubernetesMinors(): string[] {
  return SUPPORTED_KUBERNETES_VERSIONS.map(kubernetesMinor);
}

/**
 * The exact version to install for what the user wrote: any patch of a supported minor
 * (`1.36.3`, `v1.36.3`), or a bare minor (`v1.36`) meaning kit's patch of it. Undefined when
 * the text is not a version or its minor is not supported.
 */
export function resolveKubernetesVersion(text: string): string | undefined {
  const match = VERSION.exec(text);
  if (match === null) return undefined;
  const minor = `v${Number(match[1])}.${Number(match[2])}`;
  const known = SUPPORTED_KUBERNETES_VERSIONS.find((version) => kubernetesMinor(version) === minor);
  if (known === undefined) return undefined;
  return match[3] === undefined ? known : `${minor}.${Number(match[3])}`;
}

export function isKubernetesVersionSyntax(text: string): boolean {
  return VERSION.test(text);
}
