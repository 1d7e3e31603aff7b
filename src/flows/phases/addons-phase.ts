import { applyAddon, describeApplyOutcome } from '../../addons/apply-addon.ts';
import { bundleImageRef } from '../../addons/bundle-images.ts';
import { clusterAddons, type ClusterAddons } from '../../addons/cluster-addons.ts';
import { planAddon } from '../../addons/plan-addon.ts';
import { hostsWithRole } from '../../inventory/inventory.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase, PhaseContext } from '../../workflow/phase.ts';
import { connect, type FlowState } from '../flow-state.ts';

/**
 * Cluster add-ons, applied with kubectl on the first control plane once the API is up: the
 * user's CNI manifest (network.plugin: manifest), then CoreDNS when the bundle has its image.
 * A re-run whose manifests match what kit applied last, with every object present, is skipped.
 */
export const addonsPhase: Phase<FlowState> = {
  name: 'addons',
  title: 'cluster add-ons (CNI manifest, CoreDNS)',
  hosts: (state) => hostsWithRole(state.inventory, 'control-plane').slice(0, 1).map((host) => host.name),
  plan: async (state, context) => {
    const target = kubectlHost(state, context);
    if (target === undefined) {
      context.log('skipped: no control plane is left to run kubectl on');
      return new Map();
    }
    const { addons, notes } = await addonsFor(state, context);
    for (const note of notes) context.log(note);
    const plans = await forEachHost({ phase: 'addons', items: [target], nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      const changes: string[] = [];
      for (const addon of addons) changes.push(...(await planAddon(host, addon, context.options.signal)));
      return changes;
    });
    return new Map(plans);
  },
  apply: async (state, plan, context) => {
    const target = kubectlHost(state, context);
    if (target === undefined) return;
    const planned = plan.get(target) ?? [];
    const { addons } = await addonsFor(state, context);
    const changing = addons.filter((addon) => planned.some((line) => line.startsWith(`apply ${addon.title} (`)));
    await forEachHost({ phase: 'addons', items: [target], nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      for (const addon of changing) {
        const outcome = await applyAddon(host, addon, { signal: context.options.signal });
        context.log(`${addon.title}: ${describeApplyOutcome(outcome)}`, name);
      }
    });
  },
};

/** The first control plane still in the running: every control plane has kubectl and admin.conf. */
function kubectlHost(state: FlowState, context: PhaseContext): string | undefined {
  return hostsWithRole(state.inventory, 'control-plane').find((host) => !context.failedHosts.has(host.name))?.name;
}

function addonsFor(state: FlowState, context: PhaseContext): Promise<ClusterAddons> {
  const { cluster, network } = state.inventory;
  const artifacts = state.computed.artifacts;
  return clusterAddons({
    network,
    kubernetesVersion: cluster.kubernetesVersion,
    podSubnet: cluster.podSubnet,
    serviceSubnet: cluster.serviceSubnet,
    dnsDomain: cluster.dnsDomain,
    coreDnsImage: artifacts === undefined ? 'unknown' : (bundleImageRef(artifacts, 'coredns') ?? 'none'),
    signal: context.options.signal,
  });
}
