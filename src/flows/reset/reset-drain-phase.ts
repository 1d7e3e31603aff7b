import { kubernetesMinorOf } from '../../bootstrap/cluster/init-objects.ts';
import { deleteNode, drainNode } from '../../reset/drain-node.ts';
import { CLUSTER, type Phase } from '../../workflow/phase.ts';
import type { ResetState } from './reset-state.ts';

/** Evicts the node's pods and deletes its Node object, through a control plane that stays. */
export const resetDrainPhase: Phase<ResetState> = {
  name: 'drain',
  title: 'drain and delete the Node',
  hosts: () => [],
  plan: (state) => {
    const [target] = state.targets;
    const api = state.computed.api;
    if (target === undefined || api === undefined || state.computed.nodeInApi !== true) return Promise.resolve(new Map());
    return Promise.resolve(new Map([[CLUSTER, [`drain Node ${target} (through ${api.host.name})`, `delete Node ${target}`]]]));
  },
  apply: async (state, _plan, context) => {
    const [target] = state.targets;
    const api = state.computed.api;
    if (target === undefined || api === undefined) return;
    const drained = await drainNode(api, target, kubernetesMinorOf(api.cluster));
    if (!drained.ok) context.log(`drain of ${target} did not finish (${drained.detail}); deleting the Node anyway`);
    await deleteNode(api, target);
  },
};
