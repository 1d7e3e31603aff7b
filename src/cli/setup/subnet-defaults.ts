import { canonicalCidr, cidrsOverlap, formatCidr, parseCidr, subnetCount } from '../../inventory/cidr.ts';
import type { Cidr } from '../../inventory/cidr.ts';
import { NODE_POD_PREFIX } from '../../inventory/checks/check-subnets.ts';
import { IP_BITS } from '../../inventory/ip-address.ts';
import { checkCidr } from '../../inventory/schema/field-checks.ts';
import type { HostNetwork } from './host-networks.ts';

export interface ClusterSubnets {
  readonly podSubnet: string;
  readonly serviceSubnet: string;
}

/** /16 blocks tried after the Kubernetes defaults: RFC 1918's 172.16.0.0/12, then RFC 2544's 198.18.0.0/15. */
const FALLBACK_BLOCKS: readonly string[] = [
  ...Array.from({ length: 16 }, (_, index) => `172.${16 + index}.0.0/16`),
  '198.18.0.0/16',
  '198.19.0.0/16',
];

/** The usual Kubernetes ranges first, so most clusters get the values every guide shows. */
export const POD_SUBNET_CANDIDATES: readonly string[] = ['10.244.0.0/16', ...FALLBACK_BLOCKS];
export const SERVICE_SUBNET_CANDIDATES: readonly string[] = ['10.96.0.0/12', ...FALLBACK_BLOCKS];

/**
 * The first candidate pod and Service subnets that overlap neither each other nor any network
 * the hosts sit in or route to. A field is missing when every candidate is taken.
 */
export function defaultClusterSubnets(taken: readonly HostNetwork[]): Partial<ClusterSubnets> {
  const used = taken.flatMap((network) => parseCidr(network.cidr) ?? []);
  const podSubnet = firstFree(POD_SUBNET_CANDIDATES, used);
  const withPod = podSubnet === undefined ? used : [...used, podSubnet];
  const serviceSubnet = firstFree(SERVICE_SUBNET_CANDIDATES, withPod);
  return {
    ...(podSubnet === undefined ? {} : { podSubnet: formatCidr(podSubnet) }),
    ...(serviceSubnet === undefined ? {} : { serviceSubnet: formatCidr(serviceSubnet) }),
  };
}

function firstFree(candidates: readonly string[], used: readonly Cidr[]): Cidr | undefined {
  return candidates.flatMap((text) => parseCidr(text) ?? []).find((candidate) => !used.some((cidr) => cidrsOverlap(cidr, candidate)));
}

export interface SubnetQuestion {
  readonly kind: 'pod' | 'service';
  readonly text: string;
  readonly taken: readonly HostNetwork[];
  /** The other cluster subnet, when already answered. */
  readonly other?: string;
  readonly hostCount: number;
}

/** What is wrong with an answered subnet, as one sentence with the fix; undefined when it is fine. */
export function subnetProblem(question: SubnetQuestion): string | undefined {
  const syntax = checkCidr(question.text);
  if (syntax !== undefined) return `${syntax.message}. ${syntax.hint ?? ''}`.trim();
  const cidr = canonicalCidr(parseCidr(question.text) as Cidr);
  const other = question.other === undefined ? undefined : parseCidr(question.other);
  const otherName = question.kind === 'pod' ? 'the Service subnet' : 'the pod subnet';
  if (other !== undefined && other.address.family !== cidr.address.family) return `${otherName} ${question.other} is IPv${other.address.family}: use the same IP family.`;
  if (other !== undefined && cidrsOverlap(other, cidr)) return `it overlaps ${otherName} ${question.other}: pick ranges that do not overlap.`;
  const clashes = question.taken.filter((network) => {
    const parsed = parseCidr(network.cidr);
    return parsed !== undefined && cidrsOverlap(parsed, cidr);
  });
  if (clashes.length > 0) {
    const listed = clashes.slice(0, 3).map((network) => `${network.cidr} of ${network.source}`).join(', ');
    return `it overlaps ${listed}${clashes.length > 3 ? ` and ${clashes.length - 3} more` : ''}: cluster subnets must not overlap the hosts' networks.`;
  }
  return question.kind === 'pod' ? podSizeProblem(cidr, question.hostCount) : serviceSizeProblem(cidr);
}

function podSizeProblem(cidr: Cidr, hostCount: number): string | undefined {
  const nodePrefix = NODE_POD_PREFIX[cidr.address.family];
  if (subnetCount(cidr, nodePrefix) >= BigInt(Math.max(1, hostCount))) return undefined;
  const needed = Math.max(0, nodePrefix - Math.ceil(Math.log2(Math.max(2, hostCount))));
  return `a /${cidr.prefix} holds too few /${nodePrefix} node subnets for ${hostCount} hosts: use a /${needed} or larger.`;
}

/** kube-apiserver accepts at most a /12 (/108); the range must hold the API (.1) and DNS (.10) IPs. */
function serviceSizeProblem(cidr: Cidr): string | undefined {
  const largest = cidr.address.family === 4 ? 12 : 108;
  const smallest = IP_BITS[cidr.address.family] - 4;
  if (cidr.prefix < largest) return `kube-apiserver accepts at most a /${largest}: use a smaller range.`;
  if (cidr.prefix > smallest) return `it must hold the kubernetes Service (.1) and cluster DNS (.10): use a /${smallest} or larger.`;
  return undefined;
}
