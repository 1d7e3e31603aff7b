import { readNodes, waitForNodes } from '../../bootstrap/cluster/cluster-nodes.ts';
import { checkPodReachability } from '../../bootstrap/cluster/pod-reachability.ts';
import { KUBECONFIGS } from '../../bootstrap/paths.ts';
import { KitError } from '../../errors/kit-error.ts';
import { CLUSTER, type Phase } from '../../workflow/phase.ts';
import { connect, hostNames, type FlowState } from '../flow-state.ts';
import { apiAnchor, apiReachable } from '../model/api-anchor.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';

const READY_TIMEOUT_MS = 180_000;

/**
 * Reads only what the run built: every node Ready; when this run changed daemons, also a
 * pause pod on every node pinged from every node. Ends with where the admin kubeconfig is.
 */
export const verifyPhase: Phase<FlowState> = {
  name: 'verify',
  title: 'every node Ready, pods reachable across nodes',
  readOnly: true,
  hosts: hostNames,
  plan: async () => new Map([[CLUSTER, ['check every node is Ready and, after changes, that pods on every node reach each other']]]),
  apply: async (state, _plan, context) => {
    const cluster = clusterSpecFor(state.inventory);
    const anchor = await apiAnchor(state, cluster, context.failedHosts);
    if (anchor === undefined) return;
    if (context.options.dryRun) {
      context.log((await apiReachable(anchor, context.options.signal)) ? `${(await readNodes(anchor.host, cluster, context.options.signal)).length} node(s) registered; not waited for in a dry run` : 'no API yet: nothing to verify in a dry run');
      return;
    }
    const names = hostNames(state).filter((name) => !context.failedHosts.has(name));
    const started = Date.now();
    const { nodes, pending } = await waitForNodes(anchor.host, cluster, names, { ready: true, timeoutMs: READY_TIMEOUT_MS, signal: context.options.signal });
    if (pending.length > 0) {
      const why = pending.map((name) => `${name} (${nodes.find((node) => node.name === name)?.why ?? 'not registered'})`).join('; ');
      throw new KitError('CLUSTER_NOT_READY', `not Ready after ${READY_TIMEOUT_MS / 1000} s: ${why}`, { hint: `On each: journalctl -u kubelet -n 50; kit status -f <inventory> shows daemon health.` });
    }
    context.log(`${nodes.length} node(s) Ready (waited ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (state.computed.daemonsChanged === true && state.inventory.network.plugin === 'vxlan') {
      const hosts = await Promise.all(names.map((name) => connect(state, name)));
      const result = await checkPodReachability({ anchor: anchor.host, cluster, nodes: hosts, signal: context.options.signal });
      if (result.notRunning.length > 0 || result.failures.length > 0) {
        throw new KitError('CLUSTER_NOT_READY', `pod network check failed: ${[...result.notRunning.map((node) => `no running pod on ${node}`), ...result.failures].join('; ')}`, {
          hint: 'Check the overlay on the named hosts: ip -d link show kit.vxlan; bridge fdb show dev kit.vxlan; ip route.',
        });
      }
      context.log(`pod network: a pod on each of ${result.pods.length} node(s), ${result.checked}/${result.checked} node→pod pings answered`);
    }
    context.log(`admin kubeconfig: ${KUBECONFIGS.admin} on ${anchor.host.name}; next: kit kubeconfig -f <inventory> --merge, then kubectl get nodes`);
  },
};
