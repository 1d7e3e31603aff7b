import { canonicalCidr, cidrContains, cidrNetwork, cidrSize, cidrsOverlap, formatCidr, parseCidr, subnetCount } from '../inventory/cidr.ts';
import type { Cidr } from '../inventory/cidr.ts';
import { IP_BITS, formatIpAddress, parseIpAddress } from '../inventory/ip-address.ts';
import type { FieldProblem } from '../inventory/schema/checked.ts';
import { DEFAULT_NODE_MASK_SIZE } from './pod-subnets.ts';
import { OVERLAY_DEVICE, POD_BRIDGE } from './overlay-names.ts';

/**
 * Checks of the cluster network that need more than one field or facts from the hosts. Each
 * returns every problem it finds, with the inventory path to point at and the numbers; the
 * inventory validation turns paths into file:line:column.
 */
export interface NetworkProblem extends FieldProblem {
  readonly path: readonly (string | number)[];
  readonly severity: 'error' | 'warning';
}

const POD_SUBNET = ['cluster', 'podSubnet'];
const SERVICE_SUBNET = ['cluster', 'serviceSubnet'];

/** Addresses pods cannot use in a node subnet: the VTEP (.0), the bridge gateway (.1), broadcast. */
const RESERVED_PER_NODE = 3n;
/** The kubelet's default maxPods. */
const DEFAULT_MAX_PODS = 110n;

export function checkPodSubnetCapacity(options: { readonly podSubnet: string; readonly nodeMaskSize?: number; readonly hostCount: number }): NetworkProblem[] {
  const pods = parseCidr(options.podSubnet);
  if (pods === undefined) return [];
  const family = pods.address.family;
  const mask = options.nodeMaskSize ?? DEFAULT_NODE_MASK_SIZE[family];
  if (mask < pods.prefix || mask > IP_BITS[family]) {
    return [error(POD_SUBNET, `node subnets of /${mask} cannot be carved from ${options.podSubnet}: the node mask must lie between /${pods.prefix} and /${IP_BITS[family]}`, `Use a node mask of /${DEFAULT_NODE_MASK_SIZE[family]} (the default).`)];
  }
  const problems: NetworkProblem[] = [];
  const capacity = subnetCount(pods, mask);
  if (capacity < BigInt(options.hostCount)) {
    const needed = mask - Math.ceil(Math.log2(options.hostCount));
    problems.push(error(POD_SUBNET, `${options.podSubnet} holds ${capacity} node subnets of /${mask}, but the inventory has ${options.hostCount} hosts`, `Use a /${needed} or larger (e.g. 10.244.0.0/16 holds 256 nodes of /24).`));
  }
  const podsPerNode = (1n << BigInt(IP_BITS[family] - mask)) - RESERVED_PER_NODE;
  if (podsPerNode < 1n) {
    problems.push(error(POD_SUBNET, `a /${mask} node subnet leaves no address for pods (the VTEP, the gateway and the broadcast address take ${RESERVED_PER_NODE})`, 'Use a node mask of /24.'));
  } else if (podsPerNode < DEFAULT_MAX_PODS) {
    problems.push(warning(POD_SUBNET, `a /${mask} node subnet leaves ${podsPerNode} addresses for pods, fewer than the kubelet's default of ${DEFAULT_MAX_PODS} pods per node`, 'Use a node mask of /24, or lower the kubelet maxPods to match.'));
  }
  return problems;
}

export interface HostNetworkFacts {
  readonly name: string;
  /** The host's position in the inventory's `hosts` list. */
  readonly index: number;
  /** The inventory's internal address (and SSH address when it is an IP). */
  readonly addresses: readonly string[];
  /** Interfaces found on the host; kit's own (kit0, kit.vxlan) are skipped. */
  readonly interfaces?: readonly { readonly name: string; readonly addresses: readonly string[] }[];
  /** Networks the host is attached to (address/prefix), when known. */
  readonly networks?: readonly string[];
}

export function checkSubnetOverlaps(options: { readonly podSubnet: string; readonly serviceSubnet: string; readonly hosts: readonly HostNetworkFacts[] }): NetworkProblem[] {
  const subnets = [
    { path: POD_SUBNET, text: options.podSubnet, cidr: parseCidr(options.podSubnet) },
    { path: SERVICE_SUBNET, text: options.serviceSubnet, cidr: parseCidr(options.serviceSubnet) },
  ].filter((entry): entry is typeof entry & { cidr: Cidr } => entry.cidr !== undefined);
  const problems: NetworkProblem[] = [];
  const pods = subnets.find((entry) => entry.path === POD_SUBNET);
  const services = subnets.find((entry) => entry.path === SERVICE_SUBNET);
  if (pods !== undefined && services !== undefined && cidrsOverlap(pods.cidr, services.cidr)) {
    problems.push(error(SERVICE_SUBNET, `serviceSubnet ${services.text} overlaps podSubnet ${pods.text} (shared: ${sharedRange(pods.cidr, services.cidr)})`, 'Pick two disjoint ranges, e.g. podSubnet 10.244.0.0/16 and serviceSubnet 10.96.0.0/12.'));
  }
  for (const host of options.hosts) {
    for (const subnet of subnets) problems.push(...hostOverlaps(host, subnet));
  }
  return problems;
}

function hostOverlaps(host: HostNetworkFacts, subnet: { path: readonly string[]; text: string; cidr: Cidr }): NetworkProblem[] {
  const foreign = (host.interfaces ?? []).filter((entry) => entry.name !== POD_BRIDGE && entry.name !== OVERLAY_DEVICE && !entry.name.startsWith('veth'));
  const addresses = [...new Set([...host.addresses, ...foreign.flatMap((entry) => entry.addresses)])];
  const inside = addresses.filter((text) => {
    const ip = parseIpAddress(text.split('/')[0] ?? '');
    return ip !== undefined && cidrContains(subnet.cidr, ip);
  });
  const problems = inside.map((address) =>
    error(subnet.path, `${subnet.path[1]} ${subnet.text} contains ${address}, an address of host ${host.name}: the host's own traffic would be routed into the cluster network`, `Pick a ${subnet.path[1]} that none of the hosts' networks use.`));
  for (const network of host.networks ?? []) {
    const cidr = parseCidr(network);
    if (cidr === undefined || !cidrsOverlap(cidr, subnet.cidr) || inside.length > 0) continue;
    problems.push(error(subnet.path, `${subnet.path[1]} ${subnet.text} overlaps the network ${formatCidr(canonicalCidr(cidr))} of host ${host.name} (shared: ${sharedRange(cidr, subnet.cidr)})`, `Pick a ${subnet.path[1]} outside the hosts' networks.`));
  }
  return problems;
}

function sharedRange(a: Cidr, b: Cidr): string {
  const narrower = a.prefix >= b.prefix ? a : b;
  const start = cidrNetwork(narrower);
  const end = { family: start.family, value: start.value + cidrSize(narrower) - 1n };
  return `${formatIpAddress(start)}–${formatIpAddress(end)}`;
}

export function error(path: readonly (string | number)[], message: string, hint?: string): NetworkProblem {
  return { path, message, severity: 'error', ...(hint === undefined ? {} : { hint }) };
}

export function warning(path: readonly (string | number)[], message: string, hint?: string): NetworkProblem {
  return { path, message, severity: 'warning', ...(hint === undefined ? {} : { hint }) };
}
