import { kubectlApply, changingApplyLines } from '../../bootstrap/cluster/kubectl.ts';
import { initObjectsManifest } from '../../bootstrap/cluster/init-objects.ts';
import { labelNode, readNodes, recordPodCidr, waitForNodes } from '../../bootstrap/cluster/cluster-nodes.ts';
import type { NodeStatus } from '../../bootstrap/cluster/cluster-nodes.ts';
import { clusterApiServerUrl } from '../../bootstrap/spec/api-endpoint.ts';
import { PKI } from '../../bootstrap/paths.ts';
import { KitError } from '../../errors/kit-error.ts';
import type { Phase, PhaseContext } from '../../workflow/phase.ts';
import { controlPlaneNames, inventoryHost, type FlowState } from '../flow-state.ts';
import { apiAnchor, apiReachable, initKubeconfig, type ApiAnchor } from '../model/api-anchor.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { apiLabelsFor } from '../model/node-model.ts';

const REGISTER_TIMEOUT_MS = 120_000;

/**
 * What `kubeadm init` puts in the API once the control plane serves: the RBAC that lets
 * bootstrap tokens join nodes and nodes renew their certificates, the cluster-info joining
 * nodes discover the cluster from, and the control planes' role label and pod subnets.
 */
export const initPhase: Phase<FlowState> = {
  name: 'init',
  title: 'bootstrap RBAC, cluster-info, control-plane labels',
  hosts: (state) => controlPlaneNames(state).slice(0, 1),
  plan: async (state, context) => {
    const anchor = await apiAnchor(state, clusterSpecFor(state.inventory), context.failedHosts);
    if (anchor === undefined) return new Map();
    if (!(await apiReachable(anchor, context.options.signal))) {
      return new Map([[anchor.host.name, ['create the bootstrap RBAC bindings and kube-public/cluster-info', 'label the control planes node-role.kubernetes.io/control-plane']]]);
    }
    const objects = changingApplyLines(await kubectlApply(anchor.host, anchor.cluster, await manifestFor(state, anchor), { kubeconfig: initKubeconfig(anchor.cluster), serverDryRun: true, signal: context.options.signal }));
    const nodes = await readNodes(anchor.host, anchor.cluster, context.options.signal);
    return new Map([[anchor.host.name, [...objects, ...nodeChanges(state, controlPlaneNames(state), nodes)]]]);
  },
  apply: async (state, _plan, context) => {
    const anchor = await apiAnchor(state, clusterSpecFor(state.inventory), context.failedHosts);
    if (anchor === undefined) return;
    const applied = changingApplyLines(await kubectlApply(anchor.host, anchor.cluster, await manifestFor(state, anchor), { kubeconfig: initKubeconfig(anchor.cluster), signal: context.options.signal }));
    for (const line of applied) context.log(line, anchor.host.name);
    const names = controlPlaneNames(state).filter((name) => !context.failedHosts.has(name));
    await settleNodes(state, anchor, names, context);
  },
};

/** Waits for the nodes to register, then sets their API-side labels and pod subnets. Shared with the join phase. */
export async function settleNodes(state: FlowState, anchor: ApiAnchor, names: readonly string[], context: PhaseContext): Promise<void> {
  const { nodes, pending } = await waitForNodes(anchor.host, anchor.cluster, names, { ready: false, timeoutMs: REGISTER_TIMEOUT_MS, signal: context.options.signal });
  if (pending.length > 0) {
    throw new KitError('CLUSTER_NOT_READY', `node(s) ${pending.join(', ')} did not register with the API within ${REGISTER_TIMEOUT_MS / 1000} s`, {
      hint: `Look at the kubelet on each: journalctl -u kubelet -n 50 (on ${pending.join(', ')}).`,
    });
  }
  for (const node of nodes) {
    const labelled = await labelNode(anchor.host, anchor.cluster, node, apiLabelsFor(inventoryHost(state, node.name)), context.options.signal);
    if (labelled.length > 0) context.log(`labelled ${labelled.join(', ')}`, node.name);
    const subnet = state.computed.overlay?.subnets.subnets.get(node.name);
    if (subnet === undefined) continue;
    const recorded = await recordPodCidr(anchor.host, anchor.cluster, node, subnet, context.options.signal);
    if (recorded === 'set') context.log(`spec.podCIDR set to ${subnet}`, node.name);
    if (recorded === 'conflict') context.log(`spec.podCIDR is ${node.podCidr ?? ''} but kit's overlay routes ${subnet} to it: the Node keeps its value (the field cannot change)`, node.name);
  }
}

/** The label and pod-subnet changes the named nodes still need (registered nodes only). */
export function nodeChanges(state: FlowState, names: readonly string[], nodes: readonly NodeStatus[]): string[] {
  return names.flatMap((name) => {
    const node = nodes.find((candidate) => candidate.name === name);
    if (node === undefined) return [`label and record ${name} once it registers`];
    const labels = Object.entries(apiLabelsFor(inventoryHost(state, name))).filter(([key, value]) => node.labels[key] !== value);
    const subnet = state.computed.overlay?.subnets.subnets.get(name);
    return [
      ...(labels.length === 0 ? [] : [`label node ${name} ${labels.map(([key, value]) => `${key}=${value}`).join(' ')}`]),
      ...(subnet !== undefined && node.podCidr === undefined ? [`set node ${name} spec.podCIDR ${subnet}`] : []),
    ];
  });
}

async function manifestFor(state: FlowState, anchor: ApiAnchor): Promise<string> {
  return initObjectsManifest({ cluster: anchor.cluster, server: clusterApiServerUrl(anchor.cluster), caCertPem: await clusterCaPem(state, anchor) });
}

/** The cluster CA this run built or read; else the anchor's copy (read over verified SSH). */
export async function clusterCaPem(state: FlowState, anchor: ApiAnchor): Promise<string> {
  const inMemory = state.computed.pki?.cas.get('ca')?.certPem;
  if (inMemory !== undefined) return inMemory;
  const onHost = await anchor.host.download(PKI.ca);
  if (onHost === undefined) throw new KitError('PKI_INVALID', `${anchor.host.name} has no ${PKI.ca}`, { hint: 'Run kit apply without --skip-phases certs.' });
  return onHost.toString('utf8');
}
