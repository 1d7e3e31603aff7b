import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIpAddress, isIpAddress, parseIpAddress } from '../../../src/inventory/ip-address.ts';

describe('parseIpAddress', () => {
  it('reads IPv4 as a 32-bit number', () => {
    assert.deepEqual(parseIpAddress('10.96.0.1'), { family: 4, value: 0x0a600001n });
    assert.deepEqual(parseIpAddress('255.255.255.255'), { family: 4, value: 0xffffffffn });
    assert.deepEqual(parseIpAddress('0.0.0.0'), { family: 4, value: 0n });
  });

  it('reads IPv6 in full, compressed and IPv4-tailed forms', () => {
    assert.deepEqual(parseIpAddress('::1'), { family: 6, value: 1n });
    assert.deepEqual(parseIpAddress('::'), { family: 6, value: 0n });
    assert.deepEqual(parseIpAddress('fd00::'), { family: 6, value: 0xfd00n << 112n });
    assert.equal(parseIpAddress('2001:db8:0:0:0:0:0:1')?.value, parseIpAddress('2001:DB8::1')?.value);
    assert.deepEqual(parseIpAddress('::ffff:192.0.2.1'), { family: 6, value: (0xffffn << 32n) | 0xc0000201n });
  });

  it('refuses malformed text', () => {
    for (const text of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', ' 1.2.3.4', 'a.b.c.d', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '12345::', '::g', ':1', '1:2:3:4:5:6:7::8:9', '::1.2.3', '1.2.3.4/32']) {
      assert.equal(parseIpAddress(text), undefined, text);
      assert.equal(isIpAddress(text), false, text);
    }
  });
});

describe('formatIpAddress', () => {
  it('writes RFC 5952 text: lowercase, the longest zero run compressed', () => {
    const cases: [string, string][] = [
      ['10.96.0.1', '10.96.0.1'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['fd00:0010:0244:0000:0000:0000:0000:0000', 'fd00:10:244::'],
    ];
    for (const [input, expected] of cases) {
      const ip = parseIpAddress(input);
      assert.ok(ip, input);
      assert.equal(formatIpAddress(ip), expected);
    }
  });

  it('round-trips random addresses', () => {
    let seed = 7n;
    for (let index = 0; index < 200; index++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 128n) - 1n);
      const value = index % 3 === 0 ? seed & 0xffff0000ffff0000ffffn : seed;
      const ip = { family: 6 as const, value };
      assert.deepEqual(parseIpAddress(formatIpAddress(ip)), ip);
      const v4 = { family: 4 as const, value: seed & 0xffffffffn };
      assert.deepEqual(parseIpAddress(formatIpAddress(v4)), v4);
    }
  });
});
