import { formatEndpoint } from '../../inventory/endpoint.ts';
import type { Endpoint } from '../../inventory/endpoint.ts';
import type { ClusterSpec } from './cluster-spec.ts';

/** The node-local load balancer's address on every node. */
export const LOCAL_LB_HOST = '127.0.0.1';

/**
 * How clients on a node reach the API:
 * - `external`: the user's load balancer or DNS name (`controlPlaneEndpoint`);
 * - `node-local`: several control planes and no endpoint — haproxy on 127.0.0.1 on every node
 *   health-checks all API servers (kubespray's and k0s's answer to "no load balancer");
 * - `single`: one control plane, addressed directly.
 */
export type ApiServerAccess = 'external' | 'node-local' | 'single';

export function apiServerAccess(cluster: ClusterSpec): ApiServerAccess {
  if (cluster.controlPlaneEndpoint !== undefined) return 'external';
  return cluster.controlPlanes.length > 1 ? 'node-local' : 'single';
}

/**
 * Where clients on nodes reach the API (kubelet, kube-proxy, admin): what the certs module
 * needs as its `controlPlaneEndpoint`.
 */
export function clusterApiEndpoint(cluster: ClusterSpec): Endpoint {
  const access = apiServerAccess(cluster);
  if (access === 'external' && cluster.controlPlaneEndpoint !== undefined) return cluster.controlPlaneEndpoint;
  if (access === 'node-local') return { host: LOCAL_LB_HOST, port: cluster.apiServerPort };
  const first = cluster.controlPlanes[0];
  if (first === undefined) throw new RangeError('a cluster needs at least one control plane');
  return { host: first.ip, port: cluster.apiServerPort };
}

/** The same as a URL, for kubeconfigs. */
export function clusterApiServerUrl(cluster: ClusterSpec): string {
  return `https://${formatEndpoint(clusterApiEndpoint(cluster))}`;
}

/** Whether a node runs the haproxy load balancer. */
export function needsLocalLoadBalancer(cluster: ClusterSpec): boolean {
  return apiServerAccess(cluster) === 'node-local';
}
