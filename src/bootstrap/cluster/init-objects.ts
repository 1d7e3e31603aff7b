import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { bootstrapRbacObjects } from './bootstrap-rbac.ts';
import { clusterInfoConfigMap, clusterInfoKubeconfig } from './cluster-info.ts';
import { renderManifest } from './manifest.ts';

/** kit's minor number of a cluster version ("1.20" → 20). */
export function kubernetesMinorOf(cluster: ClusterSpec): number {
  return Number(cluster.version.minor.split('.')[1]);
}

/**
 * Everything `kubeadm init` puts in the API for joining nodes, as one manifest: the RBAC
 * bindings and the unsigned cluster-info (the bootstrap signer adds signatures).
 */
export function initObjectsManifest(input: { readonly cluster: ClusterSpec; readonly server: string; readonly caCertPem: string }): string {
  return renderManifest([
    ...bootstrapRbacObjects(kubernetesMinorOf(input.cluster)),
    clusterInfoConfigMap(clusterInfoKubeconfig({ server: input.server, caCertPem: input.caCertPem })),
  ]);
}
