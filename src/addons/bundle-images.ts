import type { HostArtifacts } from '../artifacts/host-artifacts.ts';
import { imageInstallPath } from '../artifacts/artifact-catalog.ts';

/**
 * The reference of a catalog image (`coredns`) as the bundle carries it, when the hosts get
 * it; undefined when no host does. The images go to every node alike, so any host will do.
 */
export function bundleImageRef(artifacts: ReadonlyMap<string, HostArtifacts>, name: string): string | undefined {
  const path = imageInstallPath(name);
  for (const selection of artifacts.values()) {
    const image = selection.images.find((candidate) => candidate.remotePath === path);
    if (image !== undefined) return image.ref;
  }
  return undefined;
}
