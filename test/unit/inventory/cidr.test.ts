import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalCidr,
  cidrContains,
  cidrSize,
  cidrsOverlap,
  firstServiceIp,
  formatCidr,
  hasHostBits,
  nthAddress,
  nthSubnet,
  parseCidr,
  subnetCount,
} from '../../../src/inventory/cidr.ts';
import type { Cidr } from '../../../src/inventory/cidr.ts';
import { formatIpAddress, parseIpAddress } from '../../../src/inventory/ip-address.ts';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, text);
  return parsed;
}

function ip(text: string): NonNullable<ReturnType<typeof parseIpAddress>> {
  const parsed = parseIpAddress(text);
  assert.ok(parsed, text);
  return parsed;
}

describe('cidr', () => {
  it('parses IPv4 and IPv6 subnets and refuses malformed ones', () => {
    assert.equal(cidr('10.244.0.0/16').prefix, 16);
    assert.equal(cidr('fd00::/8').address.family, 6);
    assert.equal(cidr('0.0.0.0/0').prefix, 0);
    for (const text of ['10.244.0.0', '10.244.0.0/33', '10.244.0.0/-1', '10.244.0.0/016', '10.244.0.0/', '/16', 'fd00::/129', '10.244.0.0/16/2', 'x/8', '10.244.0.0/1e1']) {
      assert.equal(parseCidr(text), undefined, text);
    }
  });

  it('finds host bits and clears them', () => {
    assert.equal(hasHostBits(cidr('10.244.1.0/16')), true);
    assert.equal(formatCidr(canonicalCidr(cidr('10.244.1.0/16'))), '10.244.0.0/16');
    assert.equal(hasHostBits(cidr('10.244.0.0/16')), false);
    assert.equal(formatCidr(canonicalCidr(cidr('fd00:10:244::1/56'))), 'fd00:10:244::/56');
    assert.equal(hasHostBits(cidr('10.0.0.1/32')), false);
  });

  it('measures size and containment', () => {
    assert.equal(cidrSize(cidr('10.96.0.0/12')), 1n << 20n);
    assert.equal(cidrSize(cidr('fd00::/64')), 1n << 64n);
    assert.equal(cidrContains(cidr('10.96.0.0/12'), ip('10.111.255.255')), true);
    assert.equal(cidrContains(cidr('10.96.0.0/12'), ip('10.112.0.0')), false);
    assert.equal(cidrContains(cidr('10.96.0.0/12'), ip('::ffff:10.96.0.1')), false, 'families never mix');
  });

  it('detects overlap in either order and across families never', () => {
    assert.equal(cidrsOverlap(cidr('10.244.0.0/16'), cidr('10.244.128.0/20')), true);
    assert.equal(cidrsOverlap(cidr('10.244.128.0/20'), cidr('10.244.0.0/16')), true);
    assert.equal(cidrsOverlap(cidr('10.244.0.0/16'), cidr('10.245.0.0/16')), false);
    assert.equal(cidrsOverlap(cidr('0.0.0.0/0'), cidr('10.0.0.0/8')), true);
    assert.equal(cidrsOverlap(cidr('::/0'), cidr('10.0.0.0/8')), false);
  });

  it('gives the first service IP: network address + 1', () => {
    assert.equal(firstServiceIp('10.96.0.0/12'), '10.96.0.1');
    assert.equal(firstServiceIp('172.20.0.0/16'), '172.20.0.1');
    assert.equal(firstServiceIp('fd00:96::/108'), 'fd00:96::1');
    assert.throws(() => firstServiceIp('not a cidr'), RangeError);
  });

  it('numbers addresses and node subnets', () => {
    assert.equal(formatIpAddress(nthAddress(cidr('10.96.0.0/12'), 10)), '10.96.0.10');
    assert.throws(() => nthAddress(cidr('10.0.0.0/30'), 4), RangeError);
    assert.equal(subnetCount(cidr('10.244.0.0/16'), 24), 256n);
    assert.equal(subnetCount(cidr('10.244.0.0/23'), 24), 2n);
    assert.equal(subnetCount(cidr('10.244.0.0/25'), 24), 0n);
    assert.equal(formatCidr(nthSubnet(cidr('10.244.0.0/16'), 24, 3)), '10.244.3.0/24');
    assert.equal(formatCidr(nthSubnet(cidr('fd00:10:244::/56'), 64, 255)), 'fd00:10:244:ff::/64');
    assert.throws(() => nthSubnet(cidr('10.244.0.0/23'), 24, 2), RangeError);
  });
});
