import { canonicalCidr, cidrsOverlap, formatCidr, parseCidr, subnetCount } from '../inventory/cidr.ts';
import type { Cidr } from '../inventory/cidr.ts';
import { IP_BITS } from '../inventory/ip-address.ts';
import { NetworkConfigError } from './network-config-error.ts';

/** kube-controller-manager's defaults for --node-cidr-mask-size: /24 for IPv4, /64 for IPv6. */
export const DEFAULT_NODE_MASK_SIZE = { 4: 24, 6: 64 } as const;

export interface PodSubnetRequest {
  /** `cluster.podSubnet`. */
  readonly clusterSubnet: string;
  /** Prefix length of each node's subnet; defaults to DEFAULT_NODE_MASK_SIZE for the family. */
  readonly nodeMaskSize?: number;
  /** Every node that needs a subnet (the inventory's hosts), in any order. */
  readonly nodes: readonly string[];
  /** node → subnet as read back from the hosts. Entries of nodes not in `nodes` are released. */
  readonly existing: Readonly<Record<string, string>>;
}

export interface PodSubnetAssignment {
  /** node → subnet for every requested node, in the order of the request. */
  readonly subnets: ReadonlyMap<string, string>;
  /** Nodes that got a subnet in this call (sorted by name). */
  readonly added: readonly string[];
  /** Nodes whose earlier subnet was released because they left (sorted by name). */
  readonly released: readonly string[];
}

/**
 * Gives every node a pod subnet carved from the cluster's. A node keeps what it already has
 * (a running node's pods hold addresses from it, so kit never moves it); new nodes, taken in
 * name order so that the inventory's order does not matter, get the lowest free subnet.
 */
export function assignPodSubnets(request: PodSubnetRequest): PodSubnetAssignment {
  const cluster = parseSubnet(request.clusterSubnet, 'cluster.podSubnet');
  const maskSize = request.nodeMaskSize ?? DEFAULT_NODE_MASK_SIZE[cluster.address.family];
  checkMaskSize(cluster, maskSize);
  const wanted = new Set(request.nodes);
  const kept = keptSubnets(request, cluster);
  const added = [...wanted].filter((node) => !kept.has(node)).sort(byCodeUnit);
  const taken = [...kept.values()].map(toRange).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const assigned = new Map(kept);
  for (const [index, node] of added.entries()) {
    const subnet = lowestFree(cluster, maskSize, taken);
    if (subnet === undefined) throw exhausted({ cluster, maskSize, kept: kept.size, added: added.length, unplaced: added.slice(index) });
    insertSorted(taken, toRange(subnet));
    assigned.set(node, subnet);
  }
  const released = Object.keys(request.existing).filter((node) => !wanted.has(node)).sort(byCodeUnit);
  const subnets = new Map(request.nodes.map((node) => [node, formatCidr(assigned.get(node) as Cidr)]));
  return { subnets, added, released };
}

/** A subnet as the half-open range [start, end) of its addresses. */
interface Range {
  readonly start: bigint;
  readonly end: bigint;
}

function toRange(cidr: Cidr): Range {
  const start = canonicalCidr(cidr).address.value;
  return { start, end: start + (1n << BigInt(IP_BITS[cidr.address.family] - cidr.prefix)) };
}

function insertSorted(ranges: Range[], range: Range): void {
  const at = ranges.findIndex((other) => other.start > range.start);
  ranges.splice(at < 0 ? ranges.length : at, 0, range);
}

function keptSubnets(request: PodSubnetRequest, cluster: Cidr): Map<string, Cidr> {
  const kept = new Map<string, Cidr>();
  for (const node of [...new Set(request.nodes)].sort(byCodeUnit)) {
    const text = request.existing[node];
    if (text === undefined) continue;
    const subnet = parseSubnet(text, `the pod subnet recorded on ${node}`);
    if (!cidrsOverlap(cluster, subnet) || subnet.prefix < cluster.prefix) {
      throw new NetworkConfigError(`${node} already uses pod subnet ${text}, which is outside cluster.podSubnet ${formatCidr(cluster)}`, {
        hint: 'A node keeps its pod subnet for life: put cluster.podSubnet back to the value the cluster was created with, or reset and re-join the node.',
      });
    }
    kept.set(node, subnet);
  }
  checkDisjoint(kept);
  return kept;
}

/** Sorted by start, two subnets overlap only if one starts before its predecessor ends. */
function checkDisjoint(kept: ReadonlyMap<string, Cidr>): void {
  const sorted = [...kept].map(([node, cidr]) => ({ node, cidr, ...toRange(cidr) })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1];
    const current = sorted[index];
    if (previous === undefined || current === undefined || current.start >= previous.end) continue;
    throw new NetworkConfigError(`${current.node} and ${previous.node} both claim pod subnets ${formatCidr(current.cidr)} and ${formatCidr(previous.cidr)}, which overlap`, {
      hint: 'Reset one of the two nodes (its pods lose their addresses) and join it again: kit gives it a free subnet.',
    });
  }
}

/** The first node subnet that overlaps no taken range (sorted by start): one sweep, however full the space is. */
function lowestFree(cluster: Cidr, maskSize: number, taken: readonly Range[]): Cidr | undefined {
  const step = 1n << BigInt(IP_BITS[cluster.address.family] - maskSize);
  const clusterRange = toRange(cluster);
  let candidate = clusterRange.start;
  for (const range of taken) {
    if (range.end <= candidate) continue;
    if (range.start >= candidate + step) break;
    candidate = clusterRange.start + ((range.end - clusterRange.start + step - 1n) / step) * step;
  }
  if (candidate + step > clusterRange.end) return undefined;
  return { address: { family: cluster.address.family, value: candidate }, prefix: maskSize };
}

function exhausted(facts: { cluster: Cidr; maskSize: number; kept: number; added: number; unplaced: readonly string[] }): NetworkConfigError {
  const capacity = subnetCount(facts.cluster, facts.maskSize);
  const needed = BigInt(facts.kept + facts.added);
  const shown = facts.unplaced.slice(0, 5).join(', ') + (facts.unplaced.length > 5 ? ', …' : '');
  const widerPrefix = facts.maskSize - bitsFor(needed);
  return new NetworkConfigError(
    `cluster.podSubnet ${formatCidr(facts.cluster)} holds ${capacity} node subnets of /${facts.maskSize}, ` +
      `but ${needed} nodes need one (${facts.kept} already assigned, ${facts.added} new; no room for ${shown})`,
    { hint: `Use a larger cluster.podSubnet (a /${Math.max(widerPrefix, 0)} holds ${needed} or more /${facts.maskSize} subnets) when creating a cluster; on a running cluster remove nodes first.` },
  );
}

function checkMaskSize(cluster: Cidr, maskSize: number): void {
  const bits = IP_BITS[cluster.address.family];
  if (!Number.isInteger(maskSize) || maskSize < cluster.prefix || maskSize > bits) {
    throw new NetworkConfigError(`node mask size /${maskSize} does not fit cluster.podSubnet ${formatCidr(cluster)}: it must lie between /${cluster.prefix} and /${bits}`, {
      hint: `The default is /${DEFAULT_NODE_MASK_SIZE[cluster.address.family]}.`,
    });
  }
}

function parseSubnet(text: string, what: string): Cidr {
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new NetworkConfigError(`${what} "${text}" is not a subnet in CIDR notation`, { hint: 'Write it as 10.244.0.0/16.' });
  return canonicalCidr(cidr);
}

/** Number of bits needed to count to n (ceil(log2 n)). */
function bitsFor(n: bigint): number {
  let bits = 0;
  while (1n << BigInt(bits) < n) bits++;
  return bits;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
