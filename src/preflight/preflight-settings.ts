import type { PreflightRole } from './preflight-types.ts';

/** `any` matches every host, whatever its roles. */
export type RoleSelector = PreflightRole | 'any';

/** One port that hosts of role `from` must reach on hosts of role `to`. */
export interface ReachabilityRule {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly from: RoleSelector;
  readonly to: RoleSelector;
  /** Who needs it, for messages ("the API server", "etcd peers"). */
  readonly purpose: string;
}

export interface SysctlRequirement {
  readonly key: string;
  readonly value: string;
}

/** Thresholds and lists the checks judge against. Every field has a default below. */
export interface PreflightSettings {
  readonly minCpus: Readonly<Record<PreflightRole, number>>;
  readonly minMemoryMiB: Readonly<Record<PreflightRole, number>>;
  /** Below this much free space on `diskPath` is an error; below `recommendedDiskFreeGiB` a warning. */
  readonly minDiskFreeGiB: number;
  readonly recommendedDiskFreeGiB: number;
  readonly diskPath: string;
  /** Oldest kernel accepted, as `major.minor`. */
  readonly minKernel: string;
  /** `uname -m` values accepted. */
  readonly architectures: readonly string[];
  /** os-release IDs kit is tested on; others get a warning, not an error. */
  readonly supportedOsIds: readonly string[];
  readonly kernelModules: readonly string[];
  readonly sysctls: readonly SysctlRequirement[];
  /** Missing ones are errors (kubeadm's list). `iptables` is satisfied by `nft` too. */
  readonly requiredTools: readonly string[];
  /** Missing ones are warnings. */
  readonly recommendedTools: readonly string[];
  /** Ports that must be free, per role (TCP unless listed in `udpPorts`). */
  readonly ports: Readonly<Record<PreflightRole, readonly number[]>>;
  /** The overlay network: its UDP port must be free and open between all hosts. */
  readonly overlay: { readonly port: number; readonly mtu: number; readonly encapsulationBytes: number };
  /** Ports each pair of roles must be able to open to each other. */
  readonly reachability: readonly ReachabilityRule[];
  /** Echo requests per pair in the ping mesh. */
  readonly pingCount: number;
  /** A pair whose average round trip exceeds this gets a warning. */
  readonly maxLatencyMs: number;
  /** Hosts whose clocks differ by more than this (beyond measurement error) fail ClockSkew. */
  readonly maxClockSkewMs: number;
  /** Seconds a TCP connect or a ping waits for an answer. */
  readonly probeTimeoutSeconds: number;
  /** Whether to ping hosts from the operator's machine before trying SSH. */
  readonly operatorPing: boolean;
}

const CONTROL_PLANE_PORTS = [6443, 2379, 2380, 10257, 10259] as const;
const NODE_PORTS = [10250, 10256] as const;

export const DEFAULT_PREFLIGHT_SETTINGS: PreflightSettings = {
  minCpus: { 'control-plane': 2, worker: 1 },
  minMemoryMiB: { 'control-plane': 1700, worker: 300 },
  minDiskFreeGiB: 2,
  recommendedDiskFreeGiB: 10,
  diskPath: '/var',
  minKernel: '4.19',
  architectures: ['x86_64', 'aarch64'],
  supportedOsIds: ['debian', 'ubuntu'],
  kernelModules: ['overlay', 'br_netfilter', 'vxlan'],
  sysctls: [
    { key: 'net.ipv4.ip_forward', value: '1' },
    { key: 'net.bridge.bridge-nf-call-iptables', value: '1' },
  ],
  requiredTools: ['iptables', 'conntrack', 'ip', 'mount', 'nsenter'],
  recommendedTools: ['socat', 'ethtool', 'tc', 'ping'],
  ports: { 'control-plane': [...CONTROL_PLANE_PORTS, ...NODE_PORTS], worker: [...NODE_PORTS] },
  // 4789 is IANA's VXLAN port; the underlay must carry the overlay's MTU plus VXLAN's 50 bytes.
  overlay: { port: 4789, mtu: 1450, encapsulationBytes: 50 },
  reachability: [
    { protocol: 'tcp', port: 6443, from: 'any', to: 'control-plane', purpose: 'the API server' },
    { protocol: 'tcp', port: 2379, from: 'control-plane', to: 'control-plane', purpose: 'etcd clients' },
    { protocol: 'tcp', port: 2380, from: 'control-plane', to: 'control-plane', purpose: 'etcd peers' },
    { protocol: 'tcp', port: 10250, from: 'any', to: 'any', purpose: 'the kubelet API' },
  ],
  pingCount: 3,
  maxLatencyMs: 50,
  // etcd raises its own clock-drift alarm between members at 1 s; half of that leaves room
  // for the drift that accumulates between preflight and install on an unsynchronised clock.
  maxClockSkewMs: 500,
  probeTimeoutSeconds: 2,
  operatorPing: true,
};

/** Default settings with some fields replaced (one level deep: pass whole nested objects). */
export function preflightSettings(overrides: Partial<PreflightSettings> = {}): PreflightSettings {
  return { ...DEFAULT_PREFLIGHT_SETTINGS, ...overrides };
}
