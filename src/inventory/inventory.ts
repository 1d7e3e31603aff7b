import type { SshTarget } from '../host/ssh-target.ts';
import type { Endpoint } from './endpoint.ts';

/**
 * The inventory as the rest of kit uses it: every default applied, every path absolute,
 * one ready SSH target per host. The file as written is `InventorySpec`; what kit learns
 * from the servers (OS, arch) and the live connections are separate types again.
 */
export interface Inventory {
  readonly apiVersion: 'kit/v1';
  readonly cluster: ClusterConfig;
  /** The shared SSH defaults, resolved (what a host without its own `ssh` block gets). */
  readonly ssh: SshDefaults;
  readonly hosts: readonly InventoryHost[];
  readonly network: NetworkConfig;
  readonly artifacts: ArtifactsConfig;
  readonly pki: PkiConfig;
}

export interface ClusterConfig {
  readonly name: string;
  /** Exact version, always `vMAJOR.MINOR.PATCH`. */
  readonly kubernetesVersion: string;
  /** Absent: nodes reach the API through a node-local load balancer. */
  readonly controlPlaneEndpoint?: Endpoint;
  /** Canonical CIDR text (host bits clear, IPv6 compressed). */
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  readonly dnsDomain: string;
  readonly extraSans: readonly string[];
}

export type HostRole = 'control-plane' | 'worker';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface InventoryHost {
  readonly name: string;
  /** Where SSH connects. */
  readonly address: string;
  /** The IP nodes use between each other; the address when not given. */
  readonly internalAddress: string;
  readonly roles: readonly HostRole[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly ssh: SshTarget;
}

export interface BastionDefaults {
  readonly address: string;
  readonly port: number;
  /** Absent: each host's own SSH user. */
  readonly user?: string;
  /** Absent: each host's own key file. Absolute when present. */
  readonly keyFile?: string;
  readonly hostKey?: string;
}

export interface SshDefaults {
  readonly user: string;
  readonly port: number;
  /** Absolute. */
  readonly keyFile: string;
  /** Absolute. */
  readonly knownHostsFile: string;
  readonly bastion?: BastionDefaults;
}

export interface VxlanConfig {
  readonly vni: number;
  readonly port: number;
  /** Absent: measured underlay MTU minus 50. */
  readonly mtu?: number;
}

export type ManifestSource = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

export type NetworkConfig = { readonly plugin: 'vxlan'; readonly vxlan: VxlanConfig } | { readonly plugin: 'manifest'; readonly manifest: ManifestSource };

/** `cacheDir` is absolute, on the machine running kit. */
export type ArtifactsConfig =
  | { readonly source: 'download'; readonly mirror?: string; readonly cacheDir: string }
  | { readonly source: 'bundle'; readonly path: string; readonly cacheDir: string }
  | { readonly source: 'os-packages'; readonly cacheDir: string };

interface Validity {
  readonly certificateValidityDays: number;
  readonly caValidityDays: number;
}

export type PkiConfig = (Validity & { readonly keyType: 'rsa'; readonly keySize: 2048 | 3072 | 4096 }) | (Validity & { readonly keyType: 'ecdsa'; readonly curve: 'P-256' });

export function hostsWithRole(inventory: Inventory, role: HostRole): InventoryHost[] {
  return inventory.hosts.filter((host) => host.roles.includes(role));
}
