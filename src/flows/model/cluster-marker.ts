import type { Host } from '../../host/host.ts';
import type { ManagedFile } from '../../runtime/managed-file.ts';

/** Written on every host kit prepares: later runs know what on the host is kit's own. */
export const CLUSTER_MARKER_PATH = '/etc/kit/cluster';

export function clusterMarkerFile(clusterName: string): ManagedFile {
  return { path: CLUSTER_MARKER_PATH, content: `# managed by kit: this host belongs to cluster\n${clusterName}\n`, mode: 0o644 };
}

/** The cluster a host was prepared for, or undefined when kit never prepared it. */
export async function readClusterMarker(host: Host, signal?: AbortSignal): Promise<string | undefined> {
  const content = await host.download(CLUSTER_MARKER_PATH, signal === undefined ? {} : { signal });
  if (content === undefined) return undefined;
  return content.toString('utf8').split('\n').map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Preflight checks that fail because of kit's own earlier run (its files, its daemons on their
 * ports). On a host marked for this cluster they describe the install being converged.
 */
export function isOwnLeftover(checkName: string): boolean {
  return checkName.startsWith('DirAvailable-') || checkName.startsWith('Port-') || checkName === 'KubeletProcess';
}
