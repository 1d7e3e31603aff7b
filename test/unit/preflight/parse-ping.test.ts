import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePing } from '../../../src/preflight/parse-ping.ts';

const lines = (text: string): string[] => text.split('\n');

describe('parsePing', () => {
  it('reads an iputils summary', () => {
    const summary = parsePing(lines(`PING 198.18.0.12 (198.18.0.12) 56(84) bytes of data.

--- 198.18.0.12 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 405ms
rtt min/avg/max/mdev = 0.045/0.061/0.083/0.015 ms`));
    assert.deepEqual(summary, { transmitted: 3, received: 3, lossPercent: 0, avgMs: 0.061, reportedMtu: undefined, error: undefined });
  });

  it('reads partial and total loss', () => {
    assert.equal(parsePing(lines('3 packets transmitted, 2 received, 33.3333% packet loss, time 402ms\nrtt min/avg/max/mdev = 1.0/2.5/4.0/1.0 ms'))?.lossPercent, 33);
    const dead = parsePing(lines('3 packets transmitted, 0 received, 100% packet loss, time 2040ms'));
    assert.equal(dead?.received, 0);
    assert.equal(dead?.avgMs, undefined);
  });

  it('reads a BusyBox summary', () => {
    const summary = parsePing(lines('3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min/avg/max = 0.067/0.077/0.089 ms'));
    assert.equal(summary?.received, 3);
    assert.equal(summary?.avgMs, 0.077);
  });

  it('reads the MTU a DF ping was refused with, locally or from a router', () => {
    const local = parsePing(lines('ping: local error: message too long, mtu=1400\nping: local error: message too long, mtu=1400\n\n--- 198.18.0.12 ping statistics ---\n2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms'));
    assert.equal(local?.reportedMtu, 1400);
    assert.equal(local?.received, 0);
    const router = parsePing(lines('From 198.18.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1380)\n2 packets transmitted, 0 received, +1 errors, 100% packet loss'));
    assert.equal(router?.reportedMtu, 1380);
  });

  it('returns undefined without a summary, and the complaint when ping printed one', () => {
    assert.equal(parsePing([]), undefined);
    assert.equal(parsePing(['sh: 1: ping: not found']), undefined);
    assert.equal(parsePing(['ping: connect: Network is unreachable'])?.error, 'connect: Network is unreachable');
  });
});
