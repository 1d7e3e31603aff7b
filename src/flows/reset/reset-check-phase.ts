import type { EtcdAnchor } from '../../bootstrap/etcd/etcd-membership.ts';
import { KUBECONFIGS } from '../../bootstrap/paths.ts';
import { PKI } from '../../bootstrap/paths.ts';
import type { ClusterSpec } from '../../bootstrap/spec/cluster-spec.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiAnswers, nodeExists, type ApiVia } from '../../reset/drain-node.ts';
import { checkMemberRemoval } from '../../reset/etcd-member-removal.ts';
import { ResetRefusedError } from '../../reset/reset-refused-error.ts';
import { CLUSTER, type Phase, type PhaseContext } from '../../workflow/phase.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { connectReset, remainingHosts, resetHost, type ResetState } from './reset-state.ts';

/**
 * Resetting one node of a cluster that stays: finds a control plane that stays and answers,
 * checks that removing the node's etcd member keeps etcd's quorum, and refuses otherwise
 * (unless --force). Reads only; resetting the whole cluster has nothing to check.
 */
export const resetCheckPhase: Phase<ResetState> = {
  name: 'check',
  title: 'what the rest of the cluster needs',
  readOnly: true,
  hosts: (state) => (state.scope === 'node' ? remainingHosts(state).filter((host) => host.roles.includes('control-plane')).map((host) => host.name) : []),
  plan: async (state, context) => {
    const [target] = state.targets;
    if (state.scope === 'all' || target === undefined) return new Map();
    const cluster = clusterSpecFor(state.inventory);
    // The quorum first: a refusal should come before anything else is asked of the cluster.
    const etcd = resetHost(state, target).roles.includes('control-plane') ? [await checkEtcd(state, cluster, target, context)] : [];
    return new Map([[CLUSTER, [...await findApi(state, cluster, target, context), ...etcd]]]);
  },
  apply: () => Promise.resolve(),
};

function signalOf(context: PhaseContext): { signal: AbortSignal } {
  return { signal: context.options.signal };
}

/** The first control plane that stays and whose kubectl reaches the API. */
async function findApi(state: ResetState, cluster: ClusterSpec, target: string, context: PhaseContext): Promise<string[]> {
  for (const candidate of remainingHosts(state).filter((host) => host.roles.includes('control-plane'))) {
    const host = await connectReset(state, candidate.name).catch(() => undefined);
    if (host === undefined) continue;
    const via = { host, cluster, ...signalOf(context) };
    const nodeInApi = await askApi(via, target, context);
    if (nodeInApi === undefined) continue;
    state.computed.api = via;
    state.computed.nodeInApi = nodeInApi;
    return [state.computed.nodeInApi ? `the API answers through ${candidate.name}: drain and delete Node ${target}` : `the API answers through ${candidate.name}; it has no Node ${target}`];
  }
  context.log(`no other control plane's API answers: the Node object of ${target} (if any) stays; delete it later with kubectl delete node ${target}`);
  return [`the API does not answer through another control plane: Node ${target} is left in the API`];
}

/**
 * Whether the API (through this control plane's kubectl) has the Node; undefined when it does
 * not answer. A few tries: its balancer may still send a request to a sick API server.
 */
async function askApi(via: ApiVia, target: string, context: PhaseContext): Promise<boolean | undefined> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      if (await apiAnswers(via, KUBECONFIGS.admin)) return await nodeExists(via, target);
    } catch (error) {
      context.log(`asking the API through ${via.host.name} failed (try ${attempt} of 3): ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(2000, undefined, signalOf(context));
  }
  return undefined;
}

/** Judges the etcd member removal from a control plane that stays and runs etcd. */
async function checkEtcd(state: ResetState, cluster: ClusterSpec, target: string, context: PhaseContext): Promise<string> {
  const targetIp = resetHost(state, target).internalAddress;
  let unreachable = false;
  for (const candidate of remainingHosts(state).filter((host) => host.roles.includes('control-plane'))) {
    const host = await connectReset(state, candidate.name).catch(() => undefined);
    if (host === undefined) continue;
    const tools = await host.exec(['test', '-x', `${cluster.binDir}/etcdctl`, '-a', '-s', PKI.etcdHealthcheckClient], { allowedExitCodes: [0, 1], ...signalOf(context) });
    if (tools.exitCode !== 0) continue;
    const anchor: EtcdAnchor = { cluster, host, nodeIp: candidate.internalAddress, ...signalOf(context) };
    const check = await checkMemberRemoval(anchor, targetIp).catch(() => undefined);
    if (check === undefined) {
      unreachable = true;
      continue;
    }
    if (!check.verdict.safe) {
      // Forced: the member stays listed; a removal could not win a quorum anyway.
      refuseUnlessForced(state, target, check.verdict.consequence, context);
      return `--force: ${check.verdict.consequence}`;
    }
    if (check.member !== undefined) state.computed.etcd = { anchor, member: check.member };
    return check.verdict.consequence;
  }
  if (!unreachable) return `no other control plane has etcd set up: ${target} has no member to remove`;
  refuseUnlessForced(state, target, 'etcd does not answer on any other control plane, so kit cannot tell whether removing this member breaks its quorum', context);
  return `etcd does not answer elsewhere: ${target}'s member is left in etcd's member list`;
}

function refuseUnlessForced(state: ResetState, target: string, consequence: string, context: PhaseContext): void {
  if (!state.force) throw new ResetRefusedError(target, consequence);
  context.log(`--force: going on although ${consequence}`);
}
