import { apiServerAccess } from '../../bootstrap/spec/api-endpoint.ts';
import type { ClusterSpec } from '../../bootstrap/spec/cluster-spec.ts';
import { formatEndpoint } from '../../inventory/endpoint.ts';

export interface OperatorServer {
  readonly url: string;
  /** Why this address, for the command's note on stderr. */
  readonly why: string;
}

/**
 * The API server URL for a kubeconfig used away from the nodes. admin.conf on a node says
 * what works there; with the node-local load balancer that is https://127.0.0.1:6443, which on
 * the operator's machine reaches nothing (or something else). Every address chosen here is in
 * the API server certificates' SANs: the controlPlaneEndpoint, or a control plane's internal
 * address (each API server's certificate names its own).
 */
export function operatorServer(cluster: ClusterSpec, readFrom: string): OperatorServer {
  const access = apiServerAccess(cluster);
  if (access === 'external' && cluster.controlPlaneEndpoint !== undefined) {
    return { url: `https://${formatEndpoint(cluster.controlPlaneEndpoint)}`, why: 'the inventory\'s controlPlaneEndpoint' };
  }
  const plane = access === 'single' ? cluster.controlPlanes[0] : cluster.controlPlanes.find((candidate) => candidate.name === readFrom) ?? cluster.controlPlanes[0];
  if (plane === undefined) throw new RangeError('a cluster needs at least one control plane');
  const url = `https://${formatEndpoint({ host: plane.ip, port: cluster.apiServerPort })}`;
  if (access === 'single') return { url, why: `the only control plane, ${plane.name}` };
  return {
    url,
    why: `control plane ${plane.name} directly: the nodes reach the API through their local load balancer on 127.0.0.1, which does not exist here; `
      + 'this kubeconfig does not fail over to the other control planes (set cluster.controlPlaneEndpoint, or pass --server)',
  };
}
