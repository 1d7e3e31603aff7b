import { DAEMONS } from '../bootstrap/daemons.ts';
import type { DaemonName } from '../bootstrap/daemons.ts';
import { needsLocalLoadBalancer } from '../bootstrap/spec/api-endpoint.ts';
import type { ClusterSpec } from '../bootstrap/spec/cluster-spec.ts';
import { OVERLAY_UNIT_NAME } from '../cni/overlay-names.ts';

/** A unit kit installs on a host; `daemon` when bootstrap knows how to probe its health. */
export interface ExpectedUnit {
  /** Without `.service`. */
  readonly name: string;
  readonly daemon?: DaemonName;
}

const CONTROL_PLANE_ONLY: ReadonlySet<DaemonName> = new Set(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);

export interface ExpectedUnitsInput {
  readonly cluster: ClusterSpec;
  readonly controlPlane: boolean;
  /** kit's VXLAN overlay (network.plugin vxlan) runs kit-overlay.service on every host. */
  readonly overlay: boolean;
}

/** Every unit a host of this role should run, in the order they start: runtime, overlay, daemons. */
export function expectedUnits(input: ExpectedUnitsInput): ExpectedUnit[] {
  const units: ExpectedUnit[] = [{ name: 'containerd' }];
  if (input.overlay) units.push({ name: OVERLAY_UNIT_NAME.replace(/\.service$/u, '') });
  for (const daemon of DAEMONS) {
    if (CONTROL_PLANE_ONLY.has(daemon) && !input.controlPlane) continue;
    if (daemon === 'kube-apiserver-lb' && !needsLocalLoadBalancer(input.cluster)) continue;
    units.push({ name: daemon, daemon });
  }
  return units;
}
