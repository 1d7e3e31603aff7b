import type { HostRole } from '../../inventory/inventory.ts';

/** Everything the wizard asks about one host, after its checks passed. */
export interface HostAnswers {
  readonly name: string;
  readonly address: string;
  /** Asked only when the address is a DNS name; otherwise the address. */
  readonly internalAddress?: string;
  readonly port: number;
  readonly user: string;
  /** Absolute path of the private key. */
  readonly keyFile: string;
  /** The `SHA256:…` fingerprint the user confirmed; pinned in the inventory. */
  readonly hostKey?: string;
  readonly roles: readonly HostRole[];
}

export type OverlayAnswers = { readonly plugin: 'vxlan' } | { readonly plugin: 'manifest'; readonly manifest: string };

/** Paths are as answered: absolute, `~/…`, or relative to the folder the inventory is written to. */
export type ArtifactsAnswers =
  | { readonly source: 'download'; readonly mirror?: string }
  | { readonly source: 'bundle'; readonly path: string }
  | { readonly source: 'os-packages' };

/** The wizard's answers: what `kit setup` asks, and what `--from` pre-fills. */
export interface SetupAnswers {
  readonly clusterName: string;
  /** A supported version, `vMAJOR.MINOR.PATCH`. */
  readonly kubernetesVersion: string;
  readonly hosts: readonly HostAnswers[];
  /** `host[:port]`; absent for the node-local load balancer. */
  readonly controlPlaneEndpoint?: string;
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  readonly overlay: OverlayAnswers;
  readonly artifacts: ArtifactsAnswers;
}
