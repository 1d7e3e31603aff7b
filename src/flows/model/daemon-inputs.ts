import { readEtcdHostState } from '../../bootstrap/etcd/etcd-host-state.ts';
import type { EtcdStart } from '../../bootstrap/etcd/etcd-host-state.ts';
import type { DaemonName } from '../../bootstrap/daemons.ts';
import type { ConvergeNodeOptions } from '../../bootstrap/install/converge-node.ts';
import { renderNodeFiles } from '../../bootstrap/render/node-files.ts';
import type { RenderedFile } from '../../bootstrap/render/node-files.ts';
import type { ClusterSpec, NodeSpec } from '../../bootstrap/spec/cluster-spec.ts';
import { isControlPlane } from '../../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../../host/host.ts';
import type { Logger } from '../../workflow/logger.ts';
import type { PhaseContext } from '../../workflow/phase.ts';
import { connect, inventoryHost, type FlowState } from '../flow-state.ts';
import { clusterSpecFor } from './cluster-model.ts';
import { nodeSpecFor, readNodeFacts } from './node-model.ts';

/** One node as the daemon phases work on it. */
export interface DaemonNode {
  readonly host: Host;
  readonly node: NodeSpec;
  readonly files: readonly RenderedFile[];
  readonly changedPaths: readonly string[];
  readonly freshDaemons: readonly DaemonName[];
}

/** The node's spec, its facts read from the host once per run. */
export async function nodeSpecOf(state: FlowState, name: string, signal?: AbortSignal): Promise<NodeSpec> {
  const cached = state.computed.nodes?.get(name);
  if (cached !== undefined) return cached;
  const facts = await readNodeFacts(await connect(state, name), signal);
  const node = nodeSpecFor(inventoryHost(state, name), facts);
  state.computed.nodes ??= new Map();
  state.computed.nodes.set(name, node);
  return node;
}

/** How a control plane's etcd started: this run's etcd phase, else what its unit says, else a new cluster. */
async function etcdStartOf(state: FlowState, host: Host, signal?: AbortSignal): Promise<EtcdStart | undefined> {
  return state.computed.etcd?.get(host.name) ?? (await readEtcdHostState(host, signal)).start;
}

/** Every unit and config the node gets, plus extra files (a joining worker's bootstrap kubeconfig). */
export async function daemonNodeOf(state: FlowState, name: string, options: { readonly extraFiles?: readonly RenderedFile[]; readonly signal?: AbortSignal } = {}): Promise<DaemonNode> {
  const host = await connect(state, name);
  const node = await nodeSpecOf(state, name, options.signal);
  const cluster = clusterSpecFor(state.inventory);
  const etcd = isControlPlane(node) ? await etcdStartOf(state, host, options.signal) : undefined;
  const files = [...renderNodeFiles({ cluster, node, ...(etcd === undefined ? {} : { etcd }) }), ...(options.extraFiles ?? [])];
  return { host, node, files, changedPaths: state.computed.changedPaths.get(name) ?? [], freshDaemons: state.computed.freshDaemons.get(name) ?? [] };
}

export function convergeInput(cluster: ClusterSpec, entry: DaemonNode, context: PhaseContext): ConvergeNodeOptions {
  return { cluster, node: entry.node, host: entry.host, files: entry.files, changedPaths: entry.changedPaths, freshDaemons: entry.freshDaemons, signal: context.options.signal, logger: phaseLogger(context) };
}

/** The daemon module's structured log lines, through the phase's log. */
export function phaseLogger(context: PhaseContext): Logger {
  return { log: (event) => { if (event.level !== 'debug') context.log(event.message, event.host); } };
}
