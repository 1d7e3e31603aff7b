import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overlayMtu, podGateway, vtepAddress, vxlanMac } from '../../../src/cni/vxlan-identity.ts';

describe('overlay identity', () => {
  it('derives a locally administered unicast MAC from the internal address', () => {
    assert.equal(vxlanMac('198.18.0.3'), '02:6b:c6:12:00:03');
    assert.equal(vxlanMac('10.0.255.1'), '02:6b:0a:00:ff:01');
    const first = Number.parseInt(vxlanMac('203.0.113.7').slice(0, 2), 16);
    assert.equal(first & 0b11, 0b10, 'locally administered bit set, multicast bit clear');
  });

  it('gives distinct nodes distinct MACs', () => {
    const macs = new Set(Array.from({ length: 300 }, (_, index) => vxlanMac(`10.1.${index >> 8}.${index & 255}`)));
    assert.equal(macs.size, 300);
  });

  it('refuses an IPv6 internal address with a hint', () => {
    assert.throws(() => vxlanMac('fd00::1'), /needs an IPv4 internal address/u);
  });

  it('puts the VTEP on the network address and the gateway on the first address', () => {
    assert.equal(vtepAddress('10.244.3.0/24'), '10.244.3.0');
    assert.equal(vtepAddress('10.244.3.17/24'), '10.244.3.0');
    assert.equal(podGateway('10.244.3.0/24'), '10.244.3.1');
  });

  it('derives the MTU from the smallest underlay MTU minus 50 unless set', () => {
    assert.equal(overlayMtu({ underlayMtus: [1500, 9000, 1400] }), 1350);
    assert.equal(overlayMtu({ configured: 1300, underlayMtus: [1500] }), 1300);
    assert.throws(() => overlayMtu({ underlayMtus: [] }), /no node reported its underlay MTU/u);
  });
});
