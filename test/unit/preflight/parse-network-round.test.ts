import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCollectOutput, parseMeshOutput, parseProbeOutput } from '../../../src/preflight/parse-network-round.ts';

describe('parseMeshOutput', () => {
  it('reads listener states (busy ones come before the marker) and each peer\'s pings', () => {
    const output = [
      'listen t 6443 busy',
      '### listen',
      'listen t 10250 up',
      'listen u 4789 failed',
      '### ping 198.18.0.12',
      '3 packets transmitted, 3 received, 0% packet loss, time 405ms',
      'rtt min/avg/max/mdev = 0.045/0.061/0.083/0.015 ms',
      '### mtu 198.18.0.12',
      'ping: local error: message too long, mtu=1400',
      '2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms',
      '### ping 198.18.0.13',
      '### mtu 198.18.0.13',
      '### end',
    ].join('\n');
    const mesh = parseMeshOutput(output, ['198.18.0.12', '198.18.0.13']);
    assert.deepEqual([...mesh.listeners], [['t:6443', 'busy'], ['t:10250', 'up'], ['u:4789', 'failed']]);
    assert.equal(mesh.ping.get('198.18.0.12')?.avgMs, 0.061);
    assert.equal(mesh.mtu.get('198.18.0.12')?.reportedMtu, 1400);
    assert.equal(mesh.ping.get('198.18.0.13'), undefined);
  });

  it('takes a DF ping that came back as the plain ping', () => {
    const mesh = parseMeshOutput('### listen\n### mtu 198.18.0.12\n3 packets transmitted, 3 received, 0% packet loss\nrtt min/avg/max/mdev = 0.1/0.2/0.3/0.1 ms\n### end\n', ['198.18.0.12']);
    assert.equal(mesh.ping.get('198.18.0.12')?.avgMs, 0.2);
    assert.equal(mesh.mtu.get('198.18.0.12')?.received, 3);
  });
});

describe('parseProbeOutput and parseCollectOutput', () => {
  it('reads connect results, IPv6 brackets dropped', () => {
    const probes = parseProbeOutput('### tcp\ntcp 198.18.0.11 6443 ok\ntcp [fd00::1] 2379 fail Connection refused\ntcp 198.18.0.12 10250 fail\n### end\n');
    assert.deepEqual([...probes], [
      ['198.18.0.11 6443', { ok: true, reason: 'no reason given' }],
      ['fd00::1 2379', { ok: false, reason: 'Connection refused' }],
      ['198.18.0.12 10250', { ok: false, reason: 'no reason given' }],
    ]);
  });

  it('reads the distinct tokens each UDP port received', () => {
    const received = parseCollectOutput('### received 4789\nkit-preflight:ab:w1\nkit-preflight:ab:w1\nkit-preflight:ab:w2\n### end\n');
    assert.deepEqual([...(received.get(4789) ?? [])], ['kit-preflight:ab:w1', 'kit-preflight:ab:w2']);
  });
});
