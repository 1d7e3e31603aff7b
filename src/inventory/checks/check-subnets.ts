import { canonicalCidr, cidrContains, cidrsOverlap, formatCidr, parseCidr, subnetCount } from '../cidr.ts';
import type { Cidr } from '../cidr.ts';
import { parseEndpoint } from '../endpoint.ts';
import { IP_BITS, parseIpAddress } from '../ip-address.ts';
import type { PathProblem } from '../inventory-problem.ts';
import { DEFAULT_POD_SUBNET, DEFAULT_SERVICE_SUBNET } from '../schema/cluster-schema.ts';
import { listAt, stringAt } from './raw-access.ts';

/** Each node gets one pod subnet of this size: the overlay routes one /24 (or /64) per node. */
export const NODE_POD_PREFIX: Readonly<Record<4 | 6, number>> = { 4: 24, 6: 64 };

interface Subnet {
  readonly key: 'podSubnet' | 'serviceSubnet';
  readonly cidr: Cidr;
  /** How the message names it: the value, marked when it is the default. */
  readonly label: string;
}

/** Pod and Service subnets against each other, the hosts and what Kubernetes accepts. */
export function checkSubnets(raw: unknown): PathProblem[] {
  const pod = subnet(raw, 'podSubnet', DEFAULT_POD_SUBNET);
  const service = subnet(raw, 'serviceSubnet', DEFAULT_SERVICE_SUBNET);
  const problems: PathProblem[] = [];
  if (pod !== undefined && service !== undefined) problems.push(...checkPair(pod, service));
  for (const candidate of [pod, service]) if (candidate !== undefined) problems.push(...checkAddressesOutside(raw, candidate));
  if (pod !== undefined) problems.push(...checkPodCapacity(pod, listAt(raw, 'hosts').length));
  if (service !== undefined) problems.push(...checkServiceSize(service));
  return problems;
}

function subnet(raw: unknown, key: Subnet['key'], fallback: string): Subnet | undefined {
  const written = stringAt(raw, 'cluster', key);
  const parsed = parseCidr(written ?? fallback);
  if (parsed === undefined) return undefined;
  const cidr = canonicalCidr(parsed);
  return { key, cidr, label: written === undefined ? `${key} ${formatCidr(cidr)} (the default)` : `${key} ${formatCidr(cidr)}` };
}

function checkPair(pod: Subnet, service: Subnet): PathProblem[] {
  const path = ['cluster', 'serviceSubnet'];
  if (pod.cidr.address.family !== service.cidr.address.family) {
    return [{ path, message: `${service.label} is IPv${service.cidr.address.family} but ${pod.label} is IPv${pod.cidr.address.family}`, hint: 'Use the same IP family for both subnets.' }];
  }
  if (!cidrsOverlap(pod.cidr, service.cidr)) return [];
  return [{ path, message: `${service.label} overlaps ${pod.label}`, hint: 'Pick ranges that do not overlap, e.g. 10.244.0.0/16 for pods and 10.96.0.0/12 for Services.' }];
}

function checkAddressesOutside(raw: unknown, subnet: Subnet): PathProblem[] {
  const places: { path: (string | number)[]; text: string | undefined }[] = listAt(raw, 'hosts').flatMap((_, index) => [
    { path: ['hosts', index, 'address'], text: stringAt(raw, 'hosts', index, 'address') },
    { path: ['hosts', index, 'internalAddress'], text: stringAt(raw, 'hosts', index, 'internalAddress') },
  ]);
  const endpoint = stringAt(raw, 'cluster', 'controlPlaneEndpoint');
  places.push({ path: ['cluster', 'controlPlaneEndpoint'], text: endpoint === undefined ? undefined : parseEndpoint(endpoint, 6443)?.host });
  return places.flatMap(({ path, text }) => {
    const ip = text === undefined ? undefined : parseIpAddress(text);
    if (ip === undefined || !cidrContains(subnet.cidr, ip)) return [];
    return [{ path, message: `${text} lies inside ${subnet.label}`, hint: `Node addresses must stay outside the cluster's subnets: change cluster.${subnet.key} or this address.` }];
  });
}

function checkPodCapacity(pod: Subnet, hostCount: number): PathProblem[] {
  const family = pod.cidr.address.family;
  const nodePrefix = NODE_POD_PREFIX[family];
  const available = subnetCount(pod.cidr, nodePrefix);
  if (available >= BigInt(hostCount)) return [];
  const needed = Math.max(0, nodePrefix - Math.ceil(Math.log2(hostCount)));
  const hosts = hostCount === 1 ? 'there is 1 host' : `there are ${hostCount} hosts`;
  return [
    {
      path: ['cluster', 'podSubnet'],
      message: `${pod.label} gives ${available} node subnets of /${nodePrefix} but ${hosts}`,
      hint: `Use a /${needed} or larger, e.g. ${formatCidr(canonicalCidr({ address: pod.cidr.address, prefix: needed }))}.`,
    },
  ];
}

/** kube-apiserver refuses larger ranges; the range must also hold the API (.1) and DNS (.10) IPs. */
function checkServiceSize(service: Subnet): PathProblem[] {
  const path = ['cluster', 'serviceSubnet'];
  const family = service.cidr.address.family;
  const largest = family === 4 ? 12 : 108;
  const smallest = IP_BITS[family] - 4;
  if (service.cidr.prefix < largest) return [{ path, message: `${service.label} is too large: kube-apiserver accepts at most a /${largest}`, hint: `Use a /${largest} or smaller, e.g. 10.96.0.0/12.` }];
  if (service.cidr.prefix > smallest) return [{ path, message: `${service.label} is too small: it must hold the kubernetes Service (.1) and cluster DNS (.10)`, hint: `Use a /${smallest} or larger.` }];
  return [];
}
