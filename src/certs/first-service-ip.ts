import { isIP } from 'node:net';
import { PkiError } from './pki-error.ts';

/**
 * The `kubernetes` Service's ClusterIP: the Service CIDR's network address + 1
 * (10.96.0.1 for 10.96.0.0/12), which the API server certificate must name.
 */
export function firstServiceIp(cidr: string): string {
  const [address = '', prefixText = ''] = cidr.trim().split('/');
  const family = isIP(address);
  const bits = family === 6 ? 128 : 32;
  const prefix = Number(prefixText);
  if (family === 0 || !/^\d+$/.test(prefixText) || prefix > bits - 2) {
    throw new PkiError(`serviceSubnet "${cidr}" is not an IPv4 or IPv6 CIDR with room for a Service IP`, {
      hint: 'Set serviceSubnet to a CIDR such as 10.96.0.0/12 or fd00:10:96::/112.',
    });
  }
  const value = family === 6 ? ipv6ToBigInt(address) : ipv4ToBigInt(address);
  const hostBits = BigInt(bits - prefix);
  const network = (value >> hostBits) << hostBits;
  return family === 6 ? bigIntToIpv6(network + 1n) : bigIntToIpv4(network + 1n);
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);
}

function bigIntToIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** Expands `::` and an embedded IPv4 tail so every address has eight groups. */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1] !== undefined) {
    const n = Number(ipv4ToBigInt(v4[1]));
    text = `${text.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0');
  return [...headGroups, ...fill, ...tailGroups].map((group) => Number.parseInt(group, 16));
}

function ipv6ToBigInt(address: string): bigint {
  return ipv6Groups(address).reduce((sum, group) => (sum << 16n) + BigInt(group), 0n);
}

function bigIntToIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, index) => Number((value >> BigInt((7 - index) * 16)) & 0xffffn));
  return compressIpv6(groups);
}

/** RFC 5952 text: the longest run of zero groups (length ≥ 2) becomes `::`. */
export function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length; ) {
    let end = start;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** One text form per address, so SANs read from a certificate compare equal to expected ones. */
export function canonicalIp(address: string): string {
  return isIP(address) === 6 ? compressIpv6(ipv6Groups(address)) : address;
}
