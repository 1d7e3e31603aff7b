import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetworkObservations } from '../../../src/preflight/network-observations.ts';
import type { ListenerStatus } from '../../../src/preflight/network-plan.ts';
import { evaluatePair } from '../../../src/preflight/pair-checks.ts';
import type { PingSummary } from '../../../src/preflight/parse-ping.ts';
import type { MeshResult, TcpProbe } from '../../../src/preflight/parse-network-round.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';
import { CP, WORKER } from './fixtures.ts';

const good: PingSummary = { transmitted: 3, received: 3, lossPercent: 0, avgMs: 0.2, reportedMtu: undefined, error: undefined };
const lost: PingSummary = { transmitted: 3, received: 0, lossPercent: 100, avgMs: undefined, reportedMtu: undefined, error: undefined };

interface Scenario {
  ping?: PingSummary;
  mtu?: PingSummary;
  probe?: TcpProbe;
  udpArrived?: boolean;
  listener?: ListenerStatus;
}

/** Observations of worker w1 probing control plane cp1. */
function observe(scenario: Scenario): NetworkObservations {
  const mesh: MeshResult = { listeners: new Map(), ping: new Map([[CP.internalAddress, scenario.ping ?? good]]), mtu: new Map([[CP.internalAddress, scenario.mtu ?? good]]) };
  const status = scenario.listener ?? 'up';
  return {
    mesh: new Map([[WORKER.name, mesh]]),
    listeners: new Map([[CP.name, new Map<string, ListenerStatus>([['t:6443', status], ['t:10250', 'up'], ['u:4789', 'up']])]]),
    probes: new Map([[WORKER.name, new Map([[`${CP.internalAddress} 6443`, scenario.probe ?? { ok: true, reason: '' }], [`${CP.internalAddress} 10250`, { ok: true, reason: '' }]])]]),
    received: new Map([[CP.name, new Map([[4789, new Set(scenario.udpArrived === false ? [] : ['tok:w1'])]])]]),
    socat: new Set([CP.name, WORKER.name]),
    tokenOf: (name) => `tok:${name}`,
  };
}

const judge = (scenario: Scenario): Map<string, { status: string; message: string; fix?: string }> =>
  new Map(evaluatePair({ from: WORKER, to: CP }, observe(scenario), DEFAULT_PREFLIGHT_SETTINGS).checks.map((check) => [check.name, check]));

const statuses = (scenario: Scenario): string[] => [...judge(scenario)].map(([name, check]) => `${name} ${check.status}`);

describe('evaluatePair (w1 → cp1)', () => {
  it('passes a healthy pair and carries the latency', () => {
    assert.deepEqual(statuses({}), ['PingMesh ok', 'PathMTU ok', 'Reachability-TCP-6443 ok', 'Reachability-TCP-10250 ok', 'Reachability-UDP-4789 ok']);
    const report = evaluatePair({ from: WORKER, to: CP }, observe({}), DEFAULT_PREFLIGHT_SETTINGS);
    assert.equal(report.latencyMs, 0.2);
  });

  it('dropped ICMP fails the ping only; the MTU is then not judged', () => {
    assert.deepEqual(statuses({ ping: lost, mtu: lost }), ['PingMesh error', 'PathMTU skipped', 'Reachability-TCP-6443 ok', 'Reachability-TCP-10250 ok', 'Reachability-UDP-4789 ok']);
    assert.match(judge({ ping: lost }).get('PingMesh')?.fix ?? '', /iptables -I INPUT -p icmp -s 198\.18\.0\.12 -j ACCEPT/u);
  });

  it('a blocked TCP port says which rule to add on which host', () => {
    const check = judge({ probe: { ok: false, reason: 'Connection timed out' } }).get('Reachability-TCP-6443');
    assert.equal(check?.status, 'error');
    assert.match(check?.message ?? '', /w1 cannot open TCP 6443 on cp1 \(198\.18\.0\.11\), needed by the API server: Connection timed out/u);
    assert.match(check?.fix ?? '', /on cp1 iptables -I INPUT -p tcp --dport 6443 -s 198\.18\.0\.12 -j ACCEPT/u);
  });

  it('a lost datagram fails the UDP pair', () => {
    const check = judge({ udpArrived: false }).get('Reachability-UDP-4789');
    assert.equal(check?.status, 'error');
    assert.match(check?.fix ?? '', /-p udp --dport 4789 -s 198\.18\.0\.12/u);
  });

  it('a taken port is skipped, not failed', () => {
    assert.equal(judge({ listener: 'busy' }).get('Reachability-TCP-6443')?.status, 'skipped');
  });

  it('judges the path MTU against overlay MTU + 50', () => {
    const small = judge({ mtu: { ...lost, reportedMtu: 1400 } }).get('PathMTU');
    assert.equal(small?.status, 'error');
    assert.match(small?.message ?? '', /path MTU from w1 to cp1 is 1400; the overlay needs 1500/u);
    const blackHole = judge({ mtu: lost }).get('PathMTU');
    assert.match(blackHole?.message ?? '', /ping -M do -s 1472/u);
  });

  it('warns on loss and on latency above maxLatencyMs', () => {
    assert.equal(judge({ ping: { ...good, received: 2, lossPercent: 33 } }).get('PingMesh')?.status, 'warn');
    assert.equal(judge({ ping: { ...good, avgMs: 80 } }).get('PingMesh')?.status, 'warn');
  });
});
