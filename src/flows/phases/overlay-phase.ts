import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, inventoryHost, type FlowState } from '../flow-state.ts';
import { applyOverlayChanges, planInventoryOverlay } from '../model/overlay-model.ts';

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
    const plan = await planInventoryOverlay(cluster, network.vxlan, nodes);
    state.computed.overlay = plan;
    return new Map(plan.hosts.map((entry) => [entry.host.name, entry.plan.changes]));
  },
  apply: async (state, plan, context) => {
    const overlay = state.computed.overlay;
    if (overlay === undefined) throw new Error('the overlay phase applied without a plan');
    await applyOverlayChanges(overlay, plan, context);
  },
};
