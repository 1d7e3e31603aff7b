import type { CertExpiry } from '../certs/expiry-report.ts';

/** One systemd unit kit runs on a host, as `kit status` saw it. */
export interface UnitStatus {
  /** `kube-apiserver`, `containerd`, `kit-overlay`: the unit name without `.service`. */
  readonly name: string;
  /** systemd's ActiveState (`active`, `inactive`, `failed`, …); `missing` when systemd has no such unit. */
  readonly state: string;
  readonly subState: string;
  /** Automatic restarts since the unit was last started by hand: a crash loop shows here first. */
  readonly restarts: number;
  /** `pass`/`fail` from the daemon's health endpoint; `skipped` when the unit is not active or has none. */
  readonly health: 'pass' | 'fail' | 'skipped';
  /** What the failing probe saw. */
  readonly healthDetail?: string;
  /** Active and (where it has one) its health endpoint answered. */
  readonly up: boolean;
}

/** The Node object of a host, from `kubectl get nodes` on a serving control plane. */
export interface NodeView {
  readonly ready: boolean;
  /** The Ready condition's reason and message when not Ready. */
  readonly why: string;
  /** From `node-role.kubernetes.io/*` labels. */
  readonly roles: readonly string[];
  readonly kubeletVersion: string;
  readonly podCidr?: string;
}

/** The etcd member of a control plane, from `etcdctl member list` on a healthy member. */
export interface EtcdView {
  /** In the member list under this host's peer URL. */
  readonly member: boolean;
  /** Joined (`started`), not only added. */
  readonly started: boolean;
}

/** The certificate that runs out first on a host, and how many need attention. */
export interface CertSummary {
  readonly soonest?: Pick<CertExpiry, 'id' | 'notAfter' | 'residualSeconds' | 'status'>;
  /** Certificates kit expects here that are absent. */
  readonly missing: number;
  /** Expired, expiring within the warning window, unreadable or signed by another CA. */
  readonly attention: readonly Pick<CertExpiry, 'id' | 'status' | 'residualSeconds' | 'problem'>[];
}

export interface HostStatus {
  readonly name: string;
  readonly roles: readonly string[];
  readonly address: string;
  /** False: SSH failed, and `error` says why; nothing else about the host is known. */
  readonly reachable: boolean;
  readonly error?: string;
  readonly units: readonly UnitStatus[];
  /** Undefined: no Node of this name (not joined), or no API server answered. */
  readonly node?: NodeView;
  /** Control planes only; undefined when no etcd member could be asked. */
  readonly etcd?: EtcdView;
  readonly certs?: CertSummary;
}

/** How the cluster-wide reads went: which control plane answered, or why none did. */
export interface ClusterReads {
  /** The control plane `kubectl get nodes` ran on; undefined when none answered. */
  readonly apiFrom?: string;
  readonly apiError?: string;
  /** The control plane `etcdctl member list` ran on. */
  readonly etcdFrom?: string;
  readonly etcdError?: string;
  /** etcd members whose peer URL is no control plane's in the inventory. */
  readonly unknownMembers: readonly string[];
  /** Nodes the API knows that the inventory does not list. */
  readonly unknownNodes: readonly string[];
}

export interface ClusterStatus {
  readonly cluster: string;
  readonly kubernetesVersion: string;
  readonly checkedAt: string;
  readonly warnWithinSeconds: number;
  readonly hosts: readonly HostStatus[];
  readonly reads: ClusterReads;
}
