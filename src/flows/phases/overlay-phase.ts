import { planClusterOverlay } from '../../cni/overlay-cluster.ts';
import { applyOverlayPlan } from '../../cni/overlay-host.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, inventoryHost, type FlowState } from '../flow-state.ts';

/**
 * kit's VXLAN pod network: each node's pod subnet (kept across re-runs), the device, a route,
 * FDB and neighbour entry per peer, the CNI conflist, and the unit that restores it at boot.
 * A joining or leaving node changes only the peer entries on the others.
 */
export const overlayPhase: Phase<FlowState> = {
  name: 'overlay',
  title: 'VXLAN pod network',
  hosts: hostNames,
  plan: async (state, context) => {
    const { network, cluster } = state.inventory;
    if (network.plugin !== 'vxlan') {
      // The user's CNI manifest brings the pod network; the add-ons phase applies it.
      context.log(`skipped: network.plugin is ${network.plugin}`);
      return new Map();
    }
    const names = hostNames(state).filter((name) => !context.failedHosts.has(name));
    const nodes = await Promise.all(names.map(async (name) => ({ host: await connect(state, name), address: inventoryHost(state, name).internalAddress })));
    const plan = await planClusterOverlay({
      nodes,
      clusterSubnet: cluster.podSubnet,
      serviceSubnet: cluster.serviceSubnet,
      vni: network.vxlan.vni,
      port: network.vxlan.port,
      ...(network.vxlan.mtu === undefined ? {} : { mtu: network.vxlan.mtu }),
    });
    state.computed.overlay = plan;
    return new Map(plan.hosts.map((entry) => [entry.host.name, entry.plan.changes]));
  },
  apply: async (state, plan, context) => {
    const overlay = state.computed.overlay;
    if (overlay === undefined) throw new Error('the overlay phase applied without a plan');
    const changing = overlay.hosts.filter((entry) => (plan.get(entry.host.name) ?? []).length > 0);
    await forEachHost({ phase: 'overlay', items: changing, nameOf: (entry) => entry.host.name, context }, (entry) =>
      applyOverlayPlan(entry.host, entry.plan, context.options.signal),
    );
  },
};
