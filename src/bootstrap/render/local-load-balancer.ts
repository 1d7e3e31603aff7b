import { unitName } from '../daemons.ts';
import { needsLocalLoadBalancer } from '../spec/api-endpoint.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';

/** `[kube-apiserver-lb.service]` when nodes reach the API through it, else nothing: for `After=`. */
export function localLoadBalancer(cluster: ClusterSpec): string[] {
  return needsLocalLoadBalancer(cluster) ? [unitName('kube-apiserver-lb')] : [];
}
