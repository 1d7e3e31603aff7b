import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalIp, firstServiceIp } from '../../../src/certs/first-service-ip.ts';
import { PkiError } from '../../../src/certs/pki-error.ts';

describe('firstServiceIp', () => {
  it('is the network address + 1', () => {
    assert.equal(firstServiceIp('10.96.0.0/12'), '10.96.0.1');
    assert.equal(firstServiceIp('10.100.7.9/12'), '10.96.0.1');
    assert.equal(firstServiceIp('172.20.0.0/16'), '172.20.0.1');
    assert.equal(firstServiceIp('fd00:10:96::/112'), 'fd00:10:96::1');
    assert.equal(firstServiceIp('2001:db8:0:0:1::/64'), '2001:db8::1');
  });

  it('rejects what is not a CIDR with room for a Service IP', () => {
    for (const bad of ['10.96.0.0', '10.96.0.0/31', 'banana/12', '10.96.0.0/x']) {
      assert.throws(() => firstServiceIp(bad), PkiError, bad);
    }
  });

  it('gives IPv6 addresses one text form', () => {
    assert.equal(canonicalIp('FD00:0:0:0:0:0:0:5'), 'fd00::5');
    assert.equal(canonicalIp('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(canonicalIp('2001:db8:0:1:0:0:0:1'), '2001:db8:0:1::1');
    assert.equal(canonicalIp('10.0.0.1'), '10.0.0.1');
  });
});
