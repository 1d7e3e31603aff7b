import type { Endpoint } from '../../inventory/endpoint.ts';
import type { ResolvedVersion } from '../versions/resolve-version.ts';

/**
 * The plain data every daemon renderer reads. Deliberately independent of the inventory's
 * types: the flows map the inventory and discovered facts onto these shapes.
 */
export interface ControlPlaneMember {
  /** Node name: the etcd member name and the haproxy server name. */
  readonly name: string;
  /** The address the other nodes reach it on (etcd peer/client, API server). */
  readonly ip: string;
}

export interface ClusterFeatures {
  /** Audit logging to /var/log/kubernetes/audit with kit's policy. */
  readonly auditLog: boolean;
  /** Secrets encrypted at rest; the flow writes the key file (kit never generates it here). */
  readonly encryptionAtRest: boolean;
  /** Kubelets ask the cluster CA for serving certificates (CSRs someone must approve). */
  readonly kubeletServerTlsBootstrap: boolean;
  /**
   * The controller-manager hands each Node a /24 of the pod subnet in spec.podCIDR. Only for a
   * third-party CNI (flannel reads that field); kit's own overlay assigns subnets itself.
   */
  readonly allocateNodeCidrs?: boolean;
}

export interface ClusterSpec {
  /** kube-controller-manager's `--cluster-name`; also salts etcd's `--initial-cluster-token`. */
  readonly name: string;
  readonly version: ResolvedVersion;
  /** Every control plane, in inventory order; each runs etcd and the control-plane daemons. */
  readonly controlPlanes: readonly ControlPlaneMember[];
  /** An external load balancer or DNS name in front of the API servers, when the user has one. */
  readonly controlPlaneEndpoint?: Endpoint;
  /** Port every API server binds (6443). */
  readonly apiServerPort: number;
  /** e.g. 10.96.0.0/12: the first address is the `kubernetes` Service, the tenth cluster DNS. */
  readonly serviceSubnet: string;
  /** e.g. 10.244.0.0/16: kit's overlay carves each node's subnet from it. */
  readonly podSubnet: string;
  /** e.g. `cluster.local`. */
  readonly dnsDomain: string;
  /** Registry prefix of the pause image (`registry.k8s.io`). */
  readonly imageRepository: string;
  /** Where kit installs the Kubernetes and etcd binaries. */
  readonly binDir: string;
  /** The haproxy binary for the node-local API load balancer (a distribution package's). */
  readonly haproxyPath: string;
  readonly features: ClusterFeatures;
}

export type NodeRole = 'control-plane' | 'worker';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSpec {
  readonly name: string;
  /** The address the kubelet reports (`--node-ip`) and control-plane daemons bind. */
  readonly ip: string;
  readonly roles: readonly NodeRole[];
  /** Labels the kubelet may set on itself; role labels are applied through the API instead. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Must match containerd's setting on the same host. */
  readonly cgroupDriver: 'systemd' | 'cgroupfs';
  /** From the host's facts: 2 when /sys/fs/cgroup is cgroup2, else 1. */
  readonly cgroupVersion: 1 | 2;
  /** The resolv.conf pods inherit (systemd-resolved hosts need /run/systemd/resolve/resolv.conf). */
  readonly resolvConf: string;
  /** The containerd socket. */
  readonly criSocket: string;
}

/** What every renderer takes. */
export interface RenderContext {
  readonly cluster: ClusterSpec;
  readonly node: NodeSpec;
}

export const DEFAULT_BIN_DIR = '/usr/local/bin';
export const DEFAULT_HAPROXY_PATH = '/usr/sbin/haproxy';
export const DEFAULT_API_SERVER_PORT = 6443;
export const DEFAULT_CRI_SOCKET = 'unix:///run/containerd/containerd.sock';
export const DEFAULT_RESOLV_CONF = '/etc/resolv.conf';
/** kubeadm's control-plane taint (since 1.24; kit uses it for every minor). */
export const CONTROL_PLANE_TAINT: Taint = Object.freeze({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });

export function isControlPlane(node: NodeSpec): boolean {
  return node.roles.includes('control-plane');
}
