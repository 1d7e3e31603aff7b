import { readRecordedOverlay } from '../../cni/overlay-host.ts';
import { applyOverlayChanges, planInventoryOverlay } from '../model/overlay-model.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connectReset, remainingHosts, type ResetState } from './reset-state.ts';

/**
 * The nodes that stay forget the one that left: their overlay is planned again without it
 * (its route, FDB and neighbour entries go). Only hosts that already run kit's overlay are
 * touched: reset never installs anything.
 */
export const resetOverlayPhase: Phase<ResetState> = {
  name: 'overlay',
  title: 'the other nodes forget this one',
  hosts: (state) => remainingHosts(state).map((host) => host.name),
  plan: async (state, context) => {
    const { network, cluster } = state.inventory;
    if (state.scope === 'all' || network.plugin !== 'vxlan') return new Map();
    const staying = remainingHosts(state).filter((host) => !context.failedHosts.has(host.name));
    // Every staying node must be read: planning without one would make the others forget it too.
    const found = await forEachHost({ phase: 'overlay', items: staying, nameOf: (entry) => entry.name, context }, async (entry) => {
      const host = await connectReset(state, entry.name);
      return (await readRecordedOverlay(host)) === undefined ? undefined : { host, address: entry.internalAddress };
    });
    const nodes = [...found.values()].filter((node) => node !== undefined);
    if (nodes.length === 0) return new Map();
    const plan = await planInventoryOverlay(cluster, network.vxlan, nodes);
    state.computed.overlay = plan;
    return new Map(plan.hosts.map((entry) => [entry.host.name, entry.plan.changes]));
  },
  apply: async (state, plan, context) => {
    const overlay = state.computed.overlay;
    if (overlay === undefined) return;
    await applyOverlayChanges(overlay, plan, context);
  },
};
