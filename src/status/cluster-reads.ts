import { readNodes } from '../bootstrap/cluster/cluster-nodes.ts';
import type { NodeStatus } from '../bootstrap/cluster/cluster-nodes.ts';
import { parseMemberList } from '../bootstrap/etcd/etcd-members.ts';
import type { EtcdMember } from '../bootstrap/etcd/etcd-members.ts';
import { etcdctlArgv, etcdLoopbackUrl, etcdPeerUrl } from '../bootstrap/etcd/etcdctl.ts';
import type { ClusterSpec } from '../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../host/host.ts';
import type { EtcdView, NodeView } from './status-types.ts';

/** A reachable control plane and what its own units said: the healthy ones are asked first. */
export interface ControlPlaneCandidate {
  readonly host: Host;
  readonly ip: string;
  readonly apiUp: boolean;
  readonly etcdUp: boolean;
}

export interface ApiRead {
  readonly from?: string;
  readonly error?: string;
  readonly nodes: ReadonlyMap<string, NodeView>;
}

const ROLE_LABEL = 'node-role.kubernetes.io/';

/**
 * `kubectl get nodes` with admin.conf on the first control plane that answers, healthy API
 * servers first. With the node-local load balancer admin.conf points at 127.0.0.1, so even a
 * control plane whose own API server is down can answer through the others.
 */
export async function readApiNodes(cluster: ClusterSpec, candidates: readonly ControlPlaneCandidate[], signal?: AbortSignal): Promise<ApiRead> {
  const errors: string[] = [];
  for (const candidate of preferring(candidates, (entry) => entry.apiUp)) {
    try {
      const nodes = await readNodes(candidate.host, cluster, signal);
      return { from: candidate.host.name, nodes: new Map(nodes.map((node) => [node.name, nodeView(node)])) };
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const message = error instanceof Error ? error.message : String(error);
      errors.push(message.includes(candidate.host.name) ? message : `${candidate.host.name}: ${message}`);
    }
  }
  return { error: errors.length === 0 ? 'no control plane is reachable' : errors.join('; '), nodes: new Map() };
}

export function nodeView(node: NodeStatus): NodeView {
  const roles = Object.keys(node.labels).filter((key) => key.startsWith(ROLE_LABEL)).map((key) => key.slice(ROLE_LABEL.length)).sort();
  return { ready: node.ready, why: node.ready ? '' : node.why, roles, kubeletVersion: node.kubeletVersion, ...(node.podCidr === undefined ? {} : { podCidr: node.podCidr }) };
}

export interface EtcdRead {
  readonly from?: string;
  readonly error?: string;
  /** Control plane name → its member; absent when no member could be asked. */
  readonly members: ReadonlyMap<string, EtcdView>;
  readonly unknownMembers: readonly string[];
}

/** `etcdctl member list` through the first control plane whose own etcd answers. */
export async function readEtcdMembers(cluster: ClusterSpec, candidates: readonly ControlPlaneCandidate[], signal?: AbortSignal): Promise<EtcdRead> {
  const errors: string[] = [];
  for (const candidate of preferring(candidates, (entry) => entry.etcdUp)) {
    const argv = etcdctlArgv({ binDir: cluster.binDir, endpoints: [etcdLoopbackUrl(candidate.ip)], client: 'healthcheck', args: ['member', 'list', '-w', 'simple'], commandTimeoutSeconds: 5 });
    const result = await candidate.host.exec(argv, { allowedExitCodes: Array.from({ length: 256 }, (_, code) => code), timeoutMs: 20_000, ...(signal === undefined ? {} : { signal }) });
    if (result.exitCode !== 0) {
      errors.push(`${candidate.host.name}: etcdctl exited ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
      continue;
    }
    return { from: candidate.host.name, ...matchMembers(cluster, parseMemberList(result.stdout)) };
  }
  return { error: errors.length === 0 ? 'no control plane is reachable' : errors.join('; '), members: new Map(), unknownMembers: [] };
}

/** Members matched to control planes by peer URL, as the join flow records them. */
export function matchMembers(cluster: ClusterSpec, list: readonly EtcdMember[]): Pick<EtcdRead, 'members' | 'unknownMembers'> {
  const members = new Map<string, EtcdView>();
  const matched = new Set<EtcdMember>();
  for (const plane of cluster.controlPlanes) {
    const member = list.find((entry) => entry.peerUrls.includes(etcdPeerUrl(plane.ip)));
    if (member !== undefined) matched.add(member);
    members.set(plane.name, { member: member !== undefined, started: member?.started === true });
  }
  const unknownMembers = list.filter((entry) => !matched.has(entry)).map((entry) => `${entry.name || entry.id} (${entry.peerUrls.join(',')})`);
  return { members, unknownMembers };
}

function preferring<T>(items: readonly T[], first: (item: T) => boolean): T[] {
  return [...items.filter(first), ...items.filter((item) => !first(item))];
}
