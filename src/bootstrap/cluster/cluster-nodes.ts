import { setTimeout as sleep } from 'node:timers/promises';
import type { Host } from '../../host/host.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { kubectl, kubectlGetJson } from './kubectl.ts';

/** What kit reads of a Node object. */
export interface NodeStatus {
  readonly name: string;
  readonly ready: boolean;
  /** The Ready condition's reason and message when not Ready. */
  readonly why: string;
  readonly podCidr: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly kubeletVersion: string;
}

interface NodeObject {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { podCIDR?: string };
  status?: { conditions?: { type?: string; status?: string; reason?: string; message?: string }[]; nodeInfo?: { kubeletVersion?: string } };
}

export async function readNodes(host: Host, cluster: ClusterSpec, signal?: AbortSignal): Promise<NodeStatus[]> {
  const list = await kubectlGetJson(host, cluster, ['nodes'], signal) as { items?: NodeObject[] } | undefined;
  return (list?.items ?? []).map(nodeStatus);
}

function nodeStatus(item: NodeObject): NodeStatus {
  const ready = item.status?.conditions?.find((condition) => condition.type === 'Ready');
  return {
    name: item.metadata?.name ?? '',
    ready: ready?.status === 'True',
    why: ready === undefined ? 'no Ready condition yet' : `${ready.reason ?? ''}: ${ready.message ?? ''}`,
    podCidr: item.spec?.podCIDR,
    labels: item.metadata?.labels ?? {},
    kubeletVersion: item.status?.nodeInfo?.kubeletVersion ?? '',
  };
}

export interface WaitForNodesOptions {
  /** Also wait for the Ready condition, not just the object. */
  readonly ready: boolean;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Polls until every named Node exists (and is Ready); returns the last statuses seen, missing ones absent. */
export async function waitForNodes(host: Host, cluster: ClusterSpec, names: readonly string[], options: WaitForNodesOptions): Promise<{ nodes: NodeStatus[]; pending: string[] }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const nodes = (await readNodes(host, cluster, options.signal)).filter((node) => names.includes(node.name));
    const pending = names.filter((name) => {
      const node = nodes.find((candidate) => candidate.name === name);
      return node === undefined || (options.ready && !node.ready);
    });
    if (pending.length === 0 || Date.now() >= deadline) return { nodes, pending };
    await sleep(2000, undefined, options.signal === undefined ? {} : { signal: options.signal });
  }
}

/** Labels the API sets (role labels the kubelet may not set on itself); values already right are left alone. */
export async function labelNode(host: Host, cluster: ClusterSpec, node: NodeStatus, labels: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<string[]> {
  const missing = Object.entries(labels).filter(([key, value]) => node.labels[key] !== value);
  if (missing.length === 0) return [];
  await kubectl(host, cluster, ['label', 'node', node.name, '--overwrite', ...missing.map(([key, value]) => `${key}=${value}`)], signal === undefined ? {} : { signal });
  return missing.map(([key, value]) => `${key}=${value}`);
}

/**
 * Records kit's pod subnet as the Node's spec.podCIDR (allocate-node-cidrs is off, so nothing
 * else sets it). The field is immutable once set: a different value is reported, not changed.
 */
export async function recordPodCidr(host: Host, cluster: ClusterSpec, node: NodeStatus, cidr: string, signal?: AbortSignal): Promise<'set' | 'kept' | 'conflict'> {
  if (node.podCidr === cidr) return 'kept';
  if (node.podCidr !== undefined) return 'conflict';
  const patch = JSON.stringify({ spec: { podCIDR: cidr, podCIDRs: [cidr] } });
  await kubectl(host, cluster, ['patch', 'node', node.name, '--type=merge', '-p', patch], signal === undefined ? {} : { signal });
  return 'set';
}
