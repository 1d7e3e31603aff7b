import type { ClusterSpec } from './cluster-spec.ts';

/**
 * The sandbox image: containerd's `sandbox_image` (and, for 1.20 kubelets, the flag that keeps
 * it from image GC) must name exactly this, or pods start with a different pause image.
 */
export function pauseImage(cluster: ClusterSpec): string {
  return `${cluster.imageRepository}/pause:${cluster.version.traits.components.pause}`;
}
