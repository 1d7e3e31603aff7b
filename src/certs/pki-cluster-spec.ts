/**
 * The plain data the PKI is derived from. Deliberately independent of the inventory's types
 * so the certs module can be tested and benchmarked without an inventory file.
 */
export type KeyAlgorithm = 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ecdsa-p256';

export interface PkiNode {
  /** The node name: the etcd member name, the kubelet's `system:node:<name>`. */
  readonly name: string;
  /** The address other nodes reach it on; goes into its certificates' IP SANs. */
  readonly internalAddress: string;
  /**
   * True when this node's kubelet gets its client certificate through TLS bootstrap; kit then
   * issues it no kubelet.conf. Default false: kit issues kubelet.conf itself.
   */
  readonly tlsBootstrap?: boolean;
}

export interface PkiEndpoint {
  /** A DNS name or an IP address (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
}

export interface PkiValidity {
  /** Leaf certificates and kubeconfig client certificates. Default 365 days. */
  readonly leafSeconds?: number;
  /** Certificate authorities. Default 3650 days. */
  readonly caSeconds?: number;
}

export interface PkiClusterSpec {
  /** The kubeconfig cluster name; kubeadm's default is `kubernetes`. */
  readonly clusterName: string;
  /** The Kubernetes minor version (29 for v1.29): decides the admin groups and super-admin.conf. */
  readonly kubernetesMinor: number;
  /** Where clients reach the API: a load balancer, a DNS name, or the first control plane. */
  readonly controlPlaneEndpoint: PkiEndpoint;
  /** The port each API server binds on its own address. Default 6443. */
  readonly apiServerBindPort?: number;
  /** The Service CIDR; its first address (network + 1) is the `kubernetes` Service IP. */
  readonly serviceSubnet: string;
  /** The cluster DNS domain, e.g. `cluster.local`. */
  readonly dnsDomain: string;
  /** More names and addresses for the API server certificate. */
  readonly extraSans: readonly string[];
  readonly controlPlanes: readonly PkiNode[];
  readonly workers: readonly PkiNode[];
  readonly validity?: PkiValidity;
  /** Default `rsa-2048`, as kubeadm. */
  readonly keyAlgorithm?: KeyAlgorithm;
}

export const DEFAULT_API_SERVER_BIND_PORT = 6443;
export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'rsa-2048';
const DAY_SECONDS = 24 * 60 * 60;
export const DEFAULT_LEAF_VALIDITY_SECONDS = 365 * DAY_SECONDS;
export const DEFAULT_CA_VALIDITY_SECONDS = 3650 * DAY_SECONDS;
/** kubeadm backdates every certificate by five minutes so small clock skew does not reject it. */
export const CERTIFICATE_BACKDATE_SECONDS = 5 * 60;

export function allNodes(spec: PkiClusterSpec): readonly PkiNode[] {
  return [...spec.controlPlanes, ...spec.workers];
}
