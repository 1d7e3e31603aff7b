import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVxlanLink } from '../../../src/cni/overlay-parsers.ts';
import { checkVxlanSettings } from '../../../src/cni/vxlan-validation.ts';

const flannel = required(parseVxlanLink('4: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\n    link/ether 0a:0b:0c:0d:0e:0f brd ff:ff:ff:ff:ff:ff\n    vxlan id 1 local 10.0.0.1 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto\n'));
const kitLink = required(parseVxlanLink('5: kit.vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\n    link/ether 02:6b:0a:00:00:01 brd ff:ff:ff:ff:ff:ff\n    vxlan id 1 local 10.0.0.1 srcport 0 0 dstport 4789 nolearning ttl auto\n'));

function required<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}

describe('checkVxlanSettings', () => {
  it('accepts the defaults on a clean host', () => {
    assert.deepEqual(checkVxlanSettings({ vni: 1, port: 4789, hosts: [{ name: 'n1', vxlanLinks: [], udpListeners: [], underlayMtu: 1500 }] }), []);
  });

  it('accepts kit.vxlan itself and its kernel socket on a re-run', () => {
    assert.deepEqual(checkVxlanSettings({ vni: 1, port: 4789, hosts: [{ name: 'n1', vxlanLinks: [kitLink], udpListeners: [{ port: 4789, process: undefined }] }] }), []);
  });

  it('refuses the VNI and port of another VXLAN device', () => {
    const [problem] = checkVxlanSettings({ vni: 1, port: 8472, hosts: [{ name: 'n1', vxlanLinks: [flannel], udpListeners: [{ port: 8472, process: undefined }] }] });
    assert.deepEqual(problem?.path, ['network', 'vxlan', 'vni']);
    assert.equal(problem?.message, 'host n1 already has VXLAN device flannel.1 with VNI 1 on UDP port 8472: the kernel refuses a second one');
  });

  it('allows the same VNI on another port (separate sockets)', () => {
    assert.deepEqual(checkVxlanSettings({ vni: 1, port: 4789, hosts: [{ name: 'n1', vxlanLinks: [flannel], udpListeners: [{ port: 8472, process: undefined }] }] }), []);
  });

  it('refuses a port a program or a non-VXLAN kernel socket holds', () => {
    const program = checkVxlanSettings({ vni: 1, port: 4789, hosts: [{ name: 'n2', vxlanLinks: [], udpListeners: [{ port: 4789, process: 'socat(812)' }] }] });
    assert.equal(program[0]?.message, 'UDP port 4789 on host n2 is taken by socat(812)');
    const kernel = checkVxlanSettings({ vni: 1, port: 4789, hosts: [{ name: 'n2', vxlanLinks: [], udpListeners: [{ port: 4789, process: undefined }] }] });
    assert.match(kernel[0]?.message ?? '', /taken by a kernel socket that is no VXLAN device/u);
  });

  it('refuses out-of-range VNI and port with the limits', () => {
    const problems = checkVxlanSettings({ vni: 16_777_216, port: 0, hosts: [] });
    assert.deepEqual(problems.map((problem) => problem.message), ['VNI 16777216 is outside 1–16777215 (VXLAN network identifiers have 24 bits)', 'UDP port 0 is outside 1–65535']);
  });

  it('refuses an MTU the underlay cannot carry, with the arithmetic', () => {
    const [problem] = checkVxlanSettings({ vni: 1, port: 4789, mtu: 1500, hosts: [{ name: 'n3', vxlanLinks: [], udpListeners: [], underlayMtu: 1500 }] });
    assert.deepEqual(problem?.path, ['network', 'vxlan', 'mtu']);
    assert.match(problem?.message ?? '', /MTU 1500 does not fit host n3: its underlay MTU 1500 − 50 bytes of VXLAN headers = 1450/u);
    assert.match(checkVxlanSettings({ vni: 1, port: 4789, mtu: 500, hosts: [] })[0]?.message ?? '', /below 576/u);
  });
});
