import { unitName } from '../../bootstrap/daemons.ts';
import { ensureEtcdCluster } from '../../bootstrap/etcd/ensure-etcd-cluster.ts';
import { readEtcdHostState } from '../../bootstrap/etcd/etcd-host-state.ts';
import { isStartedOrStarting, readUnitStates } from '../../bootstrap/install/unit-state.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, controlPlaneNames, type FlowState } from '../flow-state.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { phaseLogger } from '../model/daemon-inputs.ts';
import { nodeSpecOf } from '../model/daemon-inputs.ts';

const ACTION_WORDS = { created: 'founded a new etcd cluster', added: 'added as a member and started', joined: 'started (had been added)', present: 'already a member' } as const;

/**
 * Stacked etcd on the control planes (kubeadm's `init` then `join --control-plane` for etcd):
 * the first founds the cluster, each further one is added with `member add` and started into
 * it, one at a time, each healthy before the next. Members that run with data are kept.
 */
export const etcdPhase: Phase<FlowState> = {
  name: 'etcd',
  title: 'etcd cluster on the control planes',
  hosts: controlPlaneNames,
  plan: async (state, context) => {
    const names = controlPlaneNames(state).filter((name) => !context.failedHosts.has(name));
    const states = await Promise.all(names.map(async (name) => {
      const host = await connect(state, name);
      const [etcd, units] = await Promise.all([readEtcdHostState(host, context.options.signal), readUnitStates(host, [unitName('etcd')], context.options.signal)]);
      const unit = units.get(unitName('etcd'));
      return { name, hasData: etcd.hasData, running: unit !== undefined && isStartedOrStarting(unit) };
    }));
    const anyData = states.some((entry) => entry.hasData);
    return new Map(states.map((entry, index) => {
      if (entry.hasData) return [entry.name, entry.running ? [] : ['start etcd (it has data)']];
      if (!anyData && index === 0) return [entry.name, ['found a new etcd cluster']];
      return [entry.name, ['add as an etcd member (etcdctl member add), then start']];
    }));
  },
  apply: async (state, _plan, context) => {
    const names = controlPlaneNames(state).filter((name) => !context.failedHosts.has(name));
    const members = await Promise.all(names.map(async (name) => ({ host: await connect(state, name), node: await nodeSpecOf(state, name, context.options.signal) })));
    const outcomes = await ensureEtcdCluster({ cluster: clusterSpecFor(state.inventory), members, signal: context.options.signal, logger: phaseLogger(context) });
    state.computed.etcd = new Map(outcomes.map((outcome) => [outcome.node, outcome.start]));
    for (const outcome of outcomes.filter((entry) => entry.action !== 'present')) state.computed.freshDaemons.set(outcome.node, ['etcd']);
    for (const outcome of outcomes) context.log(`etcd ${ACTION_WORDS[outcome.action]} (healthy after ${(outcome.healthyAfterMs / 1000).toFixed(1)} s)`, outcome.node);
  },
};
