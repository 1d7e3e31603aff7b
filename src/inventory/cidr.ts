import { IP_BITS, formatIpAddress, parseIpAddress } from './ip-address.ts';
import type { IpAddress, IpFamily } from './ip-address.ts';

/**
 * Subnet maths shared by validation, the overlay (per-node pod subnets) and the PKI
 * (the first service IP goes into the API server certificate).
 */
export interface Cidr {
  /** The address exactly as written, host bits included: validation reports them. */
  readonly address: IpAddress;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(?:0|[1-9]\d{0,2})$/u.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > IP_BITS[address.family] ? undefined : { address, prefix };
}

export function cidrFamily(cidr: Cidr): IpFamily {
  return cidr.address.family;
}

/** The network address: the written address with its host bits cleared. */
export function cidrNetwork(cidr: Cidr): IpAddress {
  const hostBits = BigInt(IP_BITS[cidr.address.family] - cidr.prefix);
  return { family: cidr.address.family, value: (cidr.address.value >> hostBits) << hostBits };
}

export function hasHostBits(cidr: Cidr): boolean {
  return cidrNetwork(cidr).value !== cidr.address.value;
}

/** The same subnet with host bits cleared (`10.244.1.0/16` → `10.244.0.0/16`). */
export function canonicalCidr(cidr: Cidr): Cidr {
  return { address: cidrNetwork(cidr), prefix: cidr.prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpAddress(cidr.address)}/${cidr.prefix}`;
}

/** How many addresses the subnet spans, network and broadcast included. */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(IP_BITS[cidr.address.family] - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (ip.family !== cidr.address.family) return false;
  const start = cidrNetwork(cidr).value;
  return ip.value >= start && ip.value < start + cidrSize(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.address.family !== b.address.family) return false;
  const wider = a.prefix <= b.prefix ? a : b;
  const narrower = wider === a ? b : a;
  return cidrContains(wider, cidrNetwork(narrower));
}

/** The n-th address of the subnet, counting the network address as 0. */
export function nthAddress(cidr: Cidr, n: bigint | number): IpAddress {
  const offset = BigInt(n);
  if (offset < 0n || offset >= cidrSize(cidr)) throw new RangeError(`${formatCidr(cidr)} has no address number ${offset}`);
  return { family: cidr.address.family, value: cidrNetwork(cidr).value + offset };
}

/** How many subnets of length `prefix` fit in `cidr` (0 when `prefix` is shorter). */
export function subnetCount(cidr: Cidr, prefix: number): bigint {
  if (prefix < cidr.prefix || prefix > IP_BITS[cidr.address.family]) return 0n;
  return 1n << BigInt(prefix - cidr.prefix);
}

/** The index-th subnet of length `prefix` inside `cidr` (`10.244.0.0/16`, 24, 3 → `10.244.3.0/24`). */
export function nthSubnet(cidr: Cidr, prefix: number, index: bigint | number): Cidr {
  const position = BigInt(index);
  if (position < 0n || position >= subnetCount(cidr, prefix)) {
    throw new RangeError(`${formatCidr(cidr)} has no /${prefix} subnet number ${position}`);
  }
  const step = 1n << BigInt(IP_BITS[cidr.address.family] - prefix);
  return { address: { family: cidr.address.family, value: cidrNetwork(cidr).value + position * step }, prefix };
}

/** The ClusterIP of the `kubernetes` Service: the service subnet's network address + 1. */
export function firstServiceIp(serviceSubnet: string): string {
  const cidr = parseCidr(serviceSubnet);
  if (cidr === undefined) throw new RangeError(`not a CIDR: ${serviceSubnet}`);
  return formatIpAddress(nthAddress(cidr, 1));
}
