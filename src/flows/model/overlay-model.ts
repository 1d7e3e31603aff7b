import { planClusterOverlay } from '../../cni/overlay-cluster.ts';
import type { ClusterOverlayPlan, OverlayNodeHost } from '../../cni/overlay-cluster.ts';
import { applyOverlayPlan } from '../../cni/overlay-host.ts';
import type { ClusterConfig, VxlanConfig } from '../../inventory/inventory.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { PhaseContext, PhasePlan } from '../../workflow/phase.ts';

/** The overlay for these nodes with the inventory's settings (kit apply: every host; kit reset: the ones staying). */
export function planInventoryOverlay(cluster: ClusterConfig, vxlan: VxlanConfig, nodes: readonly OverlayNodeHost[]): Promise<ClusterOverlayPlan> {
  return planClusterOverlay({
    nodes,
    clusterSubnet: cluster.podSubnet,
    serviceSubnet: cluster.serviceSubnet,
    vni: vxlan.vni,
    port: vxlan.port,
    ...(vxlan.mtu === undefined ? {} : { mtu: vxlan.mtu }),
  });
}

/** Applies the planned overlay changes on the hosts whose plan has any. */
export async function applyOverlayChanges(overlay: ClusterOverlayPlan, plan: PhasePlan, context: PhaseContext): Promise<void> {
  const changing = overlay.hosts.filter((entry) => (plan.get(entry.host.name) ?? []).length > 0);
  await forEachHost({ phase: 'overlay', items: changing, nameOf: (entry) => entry.host.name, context }, (entry) =>
    applyOverlayPlan(entry.host, entry.plan, context.options.signal),
  );
}
