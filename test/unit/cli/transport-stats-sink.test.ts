import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransportStats } from '../../../src/host/host.ts';
import { withTransportStats } from '../../../src/cli/transport-stats-sink.ts';
import type { RunEvent } from '../../../src/workflow/run-events.ts';

describe('transport stats per phase (--debug)', () => {
  it('logs what each phase cost per host, as a difference from the phase start, before phase-done', () => {
    const counters = new Map<string, TransportStats>([['cp1', { roundTrips: 10, bytesSent: 100, connects: 1 }]]);
    const seen: RunEvent[] = [];
    const sink = withTransportStats((event) => seen.push(event), { stats: () => new Map(counters) });
    sink({ type: 'phase-start', phase: 'certs', title: 'PKI', hosts: ['cp1', 'w1'] });
    counters.set('cp1', { roundTrips: 15, bytesSent: 2100, connects: 1 });
    counters.set('w1', { roundTrips: 4, bytesSent: 50, connects: 2 });
    sink({ type: 'phase-done', phase: 'certs', ms: 5 });
    const logs = seen.filter((event) => event.type === 'log');
    assert.deepEqual(logs.map((event) => [event.host, event.level, event.phase, event.message]), [
      ['cp1', 'debug', 'certs', 'transport roundTrips=5 bytesSent=2000 connects=0'],
      ['w1', 'debug', 'certs', 'transport roundTrips=4 bytesSent=50 connects=2'],
    ]);
    assert.equal(seen.at(-1)?.type, 'phase-done');
    assert.equal(seen[0]?.type, 'phase-start');
  });
});
