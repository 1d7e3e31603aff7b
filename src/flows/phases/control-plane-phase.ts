import { convergeNodes } from '../../bootstrap/install/converge-nodes.ts';
import { planNode } from '../../bootstrap/install/plan-node.ts';
import type { Phase } from '../../workflow/phase.ts';
import { controlPlaneNames, inNodeScope, type FlowState } from '../flow-state.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { convergeInput, daemonNodeOf } from '../model/daemon-inputs.ts';
import { nodePlanLines } from '../model/node-plan-lines.ts';

/**
 * The control-plane daemons (API server, controller-manager, scheduler, the node-local API
 * load balancer) and the node daemons (kubelet with a kit-issued kubelet.conf, kube-proxy) on
 * every control plane: one control plane at a time, each healthy before the next; only the
 * daemons whose files changed restart.
 */
export const controlPlanePhase: Phase<FlowState> = {
  name: 'control-plane',
  title: 'API server, controller-manager, scheduler, kubelet and kube-proxy on the control planes',
  hosts: (state) => controlPlaneNames(state).filter((name) => inNodeScope(state, name)),
  plan: async (state, context) => {
    const names = controlPlaneNames(state).filter((name) => !context.failedHosts.has(name) && inNodeScope(state, name));
    const plans = await Promise.all(names.map(async (name) => {
      const entry = await daemonNodeOf(state, name, { signal: context.options.signal });
      return [name, nodePlanLines(await planNode(entry.host, entry.files, { changedPaths: entry.changedPaths, freshDaemons: entry.freshDaemons, signal: context.options.signal }))] as const;
    }));
    return new Map(plans);
  },
  apply: async (state, plan, context) => {
    state.computed.daemonsChanged = true;
    const cluster = clusterSpecFor(state.inventory);
    const names = controlPlaneNames(state).filter((name) => !context.failedHosts.has(name) && inNodeScope(state, name) && (plan.get(name) ?? []).length > 0);
    const entries = await Promise.all(names.map((name) => daemonNodeOf(state, name, { signal: context.options.signal })));
    await convergeNodes({ nodes: entries.map((entry) => convergeInput(cluster, entry, context)), signal: context.options.signal });
  },
};
