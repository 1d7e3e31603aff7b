/**
 * Every choice that depends on the Kubernetes minor, in one table. Renderers read a row; they
 * never compare version numbers themselves. Sources: kubeadm's constants and `kubeadm config
 * images list` for each release, the release notes named in the comments, and the rig (1.20).
 */

/** Newest first. 1.20 is the release the rig builds from Debian's source package. */
export const SUPPORTED_MINORS = ['1.37', '1.36', '1.35', '1.20'] as const;

export type SupportedMinor = (typeof SUPPORTED_MINORS)[number];

/** A flag as it appears on a command line, without the leading dashes: `['snapshot-count', '10000']`. */
export type Flag = readonly [name: string, value: string];

export interface ComponentVersions {
  /** The etcd release kit runs with this minor (kubeadm's pick, or the rig's for 1.20). */
  readonly etcd: string;
  /** The pause (sandbox) image tag containerd must use. */
  readonly pause: string;
  /** The CoreDNS release, without a leading `v`. */
  readonly coreDns: string;
}

export interface ConfigApiVersions {
  readonly kubelet: string;
  readonly kubeProxy: string;
  readonly scheduler: string;
  readonly audit: string;
  readonly encryption: string;
}

export interface KubeletTraits {
  /** Where the CRI socket is named: a flag (and `--container-runtime=remote`) before 1.27, the config since. */
  readonly runtimeEndpointIn: 'flag' | 'config';
  /** `--container-runtime=remote`: the kubelet defaulted to dockershim until 1.24, the flag went in 1.27. */
  readonly remoteRuntimeFlag: boolean;
  /** `--pod-infra-container-image`: keeps the pause image from image GC; removed in 1.35 (the CRI does it). */
  readonly podInfraImageFlag: boolean;
  /** `registerWithTaints` joined KubeletConfiguration in 1.23; before that only the flag exists. */
  readonly taintsIn: 'flag' | 'config';
  /** `failCgroupV1` exists since 1.31 and defaults to true since 1.35 (KEP-5573). */
  readonly hasFailCgroupV1: boolean;
}

export interface MinorTraits {
  readonly minor: SupportedMinor;
  /** What `v1.36` means: the newest patch kit knows of. */
  readonly defaultPatch: string;
  readonly components: ComponentVersions;
  readonly configApis: ConfigApiVersions;
  /**
   * Flags etcd gets beyond the common set. etcd 3.6 moved the corruption check behind a feature
   * gate and dropped the `experimental-` prefix; 3.7 removed the prefixed forms.
   */
  readonly etcdExtraFlags: readonly Flag[];
  readonly kubelet: KubeletTraits;
  /**
   * `--port=0` for kube-controller-manager and kube-scheduler: in 1.20 both still serve
   * unauthenticated HTTP (10252/10251) unless told not to; the flag is gone since 1.24.
   */
  readonly disableInsecurePort: boolean;
  /** Group of admin.conf's user: `kubeadm:cluster-admins` since 1.29, `system:masters` before. */
  readonly adminGroup: 'kubeadm:cluster-admins' | 'system:masters';
  /** super-admin.conf (a break-glass `system:masters` kubeconfig) exists since 1.29. */
  readonly superAdminKubeconfig: boolean;
}

const COMMON_CONFIG_APIS = {
  kubelet: 'kubelet.config.k8s.io/v1beta1',
  // v1alpha2 was proposed (KEP-784) but is not served by kube-proxy; kubeadm still writes v1alpha1.
  kubeProxy: 'kubeproxy.config.k8s.io/v1alpha1',
  audit: 'audit.k8s.io/v1',
  encryption: 'apiserver.config.k8s.io/v1',
} as const;

const ETCD_36_FLAGS: readonly Flag[] = [
  ['feature-gates', 'InitialCorruptCheck=true'],
  ['watch-progress-notify-interval', '5s'],
];

const MODERN_KUBELET: KubeletTraits = {
  runtimeEndpointIn: 'config',
  remoteRuntimeFlag: false,
  podInfraImageFlag: false,
  taintsIn: 'config',
  hasFailCgroupV1: true,
};

const MODERN = {
  configApis: { ...COMMON_CONFIG_APIS, scheduler: 'kubescheduler.config.k8s.io/v1' },
  etcdExtraFlags: ETCD_36_FLAGS,
  kubelet: MODERN_KUBELET,
  disableInsecurePort: false,
  adminGroup: 'kubeadm:cluster-admins',
  superAdminKubeconfig: true,
} as const;

export const VERSION_TABLE: Readonly<Record<SupportedMinor, MinorTraits>> = deepFreeze({
  // kubeadm 1.37.1 lists etcd 3.7.0-0, coredns v1.14.6, pause 3.10.2.
  '1.37': { minor: '1.37', defaultPatch: 'v1.37.1', components: { etcd: '3.7.0', pause: '3.10.2', coreDns: '1.14.6' }, ...MODERN },
  // kubeadm 1.36.x lists etcd 3.6.8-0, coredns v1.14.2, pause 3.10.2.
  '1.36': { minor: '1.36', defaultPatch: 'v1.36.5', components: { etcd: '3.6.8', pause: '3.10.2', coreDns: '1.14.2' }, ...MODERN },
  // kubeadm 1.35.x lists etcd 3.6.6-0, coredns v1.13.1, pause 3.10.1.
  '1.35': { minor: '1.35', defaultPatch: 'v1.35.9', components: { etcd: '3.6.6', pause: '3.10.1', coreDns: '1.13.1' }, ...MODERN },
  // kubeadm 1.20 used etcd 3.4.13-0; the rig runs Debian's 3.4.23 (same minor, same flags).
  '1.20': {
    minor: '1.20',
    defaultPatch: 'v1.20.2',
    components: { etcd: '3.4.23', pause: '3.2', coreDns: '1.7.0' },
    configApis: { ...COMMON_CONFIG_APIS, scheduler: 'kubescheduler.config.k8s.io/v1beta1' },
    // Kept as kubeadm 1.20 ran etcd: no extra flags.
    etcdExtraFlags: [],
    kubelet: { runtimeEndpointIn: 'flag', remoteRuntimeFlag: true, podInfraImageFlag: true, taintsIn: 'flag', hasFailCgroupV1: false },
    disableInsecurePort: true,
    adminGroup: 'system:masters',
    superAdminKubeconfig: false,
  },
});

export const DEFAULT_MINOR: SupportedMinor = SUPPORTED_MINORS[0];

/** The version kit installs when the inventory names none. */
export const DEFAULT_VERSION: string = VERSION_TABLE[DEFAULT_MINOR].defaultPatch;

export function isSupportedMinor(minor: string): minor is SupportedMinor {
  return (SUPPORTED_MINORS as readonly string[]).includes(minor);
}

/** The minor as a number (`'1.36'` → 36), for comparisons with tables keyed by minor number. */
export function minorNumber(minor: SupportedMinor): number {
  return Number(minor.split('.')[1]);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
