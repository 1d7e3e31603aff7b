import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInterfaces, parseListeners } from '../../../src/preflight/parse-network-facts.ts';

describe('parseListeners (ss -H -ltnup)', () => {
  it('reads IPv4, wildcard, IPv6 and scoped addresses with their owners', () => {
    const listeners = parseListeners([
      'tcp   LISTEN 0      4096       127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=14))',
      'tcp   LISTEN 0      5              0.0.0.0:6443      0.0.0.0:*    users:(("socat",pid=4242,fd=5))',
      'tcp   LISTEN 0      128               [::]:22           [::]:*    users:(("sshd",pid=89,fd=4))',
      'udp   UNCONN 0      0                    *:4789            *:*',
      'tcp   LISTEN 0      4096 [::ffff:127.0.0.1]:10250           *:*',
    ]);
    assert.deepEqual(listeners, [
      { protocol: 'tcp', address: '127.0.0.53', port: 53, process: 'systemd-resolve(612)' },
      { protocol: 'tcp', address: '0.0.0.0', port: 6443, process: 'socat(4242)' },
      { protocol: 'tcp', address: '::', port: 22, process: 'sshd(89)' },
      { protocol: 'udp', address: '*', port: 4789, process: undefined },
      { protocol: 'tcp', address: '::ffff:127.0.0.1', port: 10250, process: undefined },
    ]);
  });

  it('says undefined (unknown) when ss failed, and empty when nothing listens', () => {
    assert.equal(parseListeners(['#failed']), undefined);
    assert.deepEqual(parseListeners([]), []);
  });
});

describe('parseInterfaces (ip -o link / ip -o addr)', () => {
  it('joins links and addresses by name', () => {
    const interfaces = parseInterfaces(
      [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:AB:CD:EF brd ff:ff:ff:ff:ff:ff',
      ],
      [
        '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
        '2: ens3    inet 10.1.2.3/24 brd 10.1.2.255 scope global ens3\\       valid_lft forever preferred_lft forever',
        '2: ens3    inet6 FD00::3/64 scope global \\       valid_lft forever preferred_lft forever',
      ],
    );
    assert.deepEqual(interfaces, [
      { name: 'lo', mac: undefined, mtu: 65536, addresses: ['127.0.0.1'] },
      { name: 'ens3', mac: '52:54:00:ab:cd:ef', mtu: 9000, addresses: ['10.1.2.3', 'fd00::3'] },
    ]);
  });
});
