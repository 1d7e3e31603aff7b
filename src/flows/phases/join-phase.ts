import { renderBootstrapKubeconfig } from '../../bootstrap/cluster/bootstrap-kubeconfig.ts';
import { readNodes } from '../../bootstrap/cluster/cluster-nodes.ts';
import { createJoinCredentials, deleteKitTokens, listKitTokens } from '../../bootstrap/cluster/join-token.ts';
import type { JoinCredentials } from '../../bootstrap/cluster/join-token.ts';
import { convergeNodes } from '../../bootstrap/install/converge-nodes.ts';
import { planNode } from '../../bootstrap/install/plan-node.ts';
import { KUBECONFIGS } from '../../bootstrap/paths.ts';
import type { RenderedFile } from '../../bootstrap/render/node-files.ts';
import type { Host } from '../../host/host.ts';
import { CLUSTER, type Phase } from '../../workflow/phase.ts';
import { connect, inNodeScope, workerNames, type FlowState } from '../flow-state.ts';
import { apiAnchor, apiReachable } from '../model/api-anchor.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { convergeInput, daemonNodeOf } from '../model/daemon-inputs.ts';
import { nodePlanLines } from '../model/node-plan-lines.ts';
import { clusterCaPem, nodeChanges, settleNodes } from './init-phase.ts';

const JOIN_LINE = 'join: kubelet TLS bootstrap with a new bootstrap token (deleted afterwards)';

/**
 * `kubeadm join` for the workers, in parallel: a node without a kubelet.conf gets a bootstrap
 * kubeconfig (a fresh token, the CA found by token discovery and pinned by hash), its kubelet
 * asks for its client certificate, the CSR is approved by the bootstrap RBAC, and the kubelet
 * switches to its own certificate. Joined nodes are only converged. Tokens are deleted at the end.
 */
export const joinPhase: Phase<FlowState> = {
  name: 'join',
  title: 'workers join: kubelet TLS bootstrap and kube-proxy',
  hosts: (state) => workerNames(state).filter((name) => inNodeScope(state, name)),
  plan: async (state, context) => {
    const names = workerNames(state).filter((name) => !context.failedHosts.has(name) && inNodeScope(state, name));
    const cluster = clusterSpecFor(state.inventory);
    const anchor = await apiAnchor(state, cluster, context.failedHosts);
    const reachable = anchor !== undefined && (await apiReachable(anchor, context.options.signal));
    const nodes = reachable ? await readNodes(anchor.host, cluster, context.options.signal) : [];
    // A run killed between a join and its clean-up leaves its token: the next run deletes it.
    const leftover = reachable ? await listKitTokens(anchor.host, cluster, context.options.signal) : [];
    const plans = await Promise.all(names.map(async (name) => {
      const entry = await daemonNodeOf(state, name, { signal: context.options.signal });
      const joined = await hasKubeletConf(entry.host, context.options.signal);
      const lines = nodePlanLines(await planNode(entry.host, entry.files, { changedPaths: entry.changedPaths, freshDaemons: entry.freshDaemons, signal: context.options.signal }));
      const registered = nodes.some((node) => node.name === name);
      return [name, [...(joined ? [] : [JOIN_LINE]), ...lines, ...(joined && registered ? nodeChanges(state, [name], nodes) : [])]] as const;
    }));
    return new Map<string, readonly string[]>([...plans, ...(leftover.length === 0 ? [] : [[CLUSTER, [`delete leftover bootstrap token(s) ${leftover.join(', ')}`]] as const])]);
  },
  apply: async (state, plan, context) => {
    state.computed.daemonsChanged = true;
    const cluster = clusterSpecFor(state.inventory);
    const anchor = await apiAnchor(state, cluster, context.failedHosts);
    if (anchor === undefined) return;
    const changing = workerNames(state).filter((name) => !context.failedHosts.has(name) && inNodeScope(state, name) && (plan.get(name) ?? []).length > 0);
    const joining = changing.filter((name) => (plan.get(name) ?? []).includes(JOIN_LINE));
    try {
      const credentials = joining.length === 0 ? undefined : await createJoinCredentials(anchor.host, cluster, await clusterCaPem(state, anchor), context.options.signal);
      if (credentials !== undefined) context.log(`token discovery: cluster-info signed for token ${credentials.token.id}, CA ${credentials.cluster.caCertHash}`, anchor.host.name);
      const entries = await Promise.all(changing.map((name) => daemonNodeOf(state, name, {
        signal: context.options.signal,
        extraFiles: joining.includes(name) && credentials !== undefined ? [bootstrapFile(credentials, cluster.name)] : [],
      })));
      try {
        await convergeNodes({ nodes: entries.map((entry) => convergeInput(cluster, entry, context)), workerConcurrency: context.options.concurrency, signal: context.options.signal });
      } finally {
        // Joined or not, no node keeps a token on disk (a failed one gets a fresh token next run).
        await Promise.all(joining.map(async (name) => removeBootstrapKubeconfig(state, name).catch((error: unknown) => {
          // A host that went away keeps the file until the next run; its own failure is reported already.
          context.log(`could not remove ${KUBECONFIGS.bootstrapKubelet} (the token in it expires within 30 min): ${String(error)}`, name);
        })));
      }
      await settleNodes(state, anchor, changing, context);
    } finally {
      // A failure here must not hide the join's own error; the token also expires by itself.
      const deleted = await deleteKitTokens(anchor.host, cluster, context.options.signal).catch((error: unknown) => {
        context.log(`could not delete the bootstrap token (it expires within 30 min): ${String(error)}`, anchor.host.name);
        return [];
      });
      if (deleted.length > 0) context.log(`deleted bootstrap token(s) ${deleted.join(', ')}`, anchor.host.name);
    }
  },
};

function bootstrapFile(credentials: JoinCredentials, clusterName: string): RenderedFile {
  return { daemon: 'kubelet', path: KUBECONFIGS.bootstrapKubelet, content: renderBootstrapKubeconfig(credentials.cluster, credentials.token, clusterName), mode: 0o600 };
}

async function removeBootstrapKubeconfig(state: FlowState, name: string): Promise<void> {
  await (await connect(state, name)).exec(['rm', '-f', KUBECONFIGS.bootstrapKubelet]);
}

async function hasKubeletConf(host: Host, signal?: AbortSignal): Promise<boolean> {
  const result = await host.exec(['test', '-s', KUBECONFIGS.kubelet], { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  return result.exitCode === 0;
}
