import type { TransportStats } from '../host/host.ts';
import type { RunEvent, RunEventSink } from '../workflow/run-events.ts';

/** Where the counters come from: the run's host pool. */
export interface StatsSource {
  stats(): ReadonlyMap<string, TransportStats>;
}

/**
 * With --debug, follows each phase's end with one debug log per host saying what the phase cost
 * on the wire (round trips, upload bytes, connects). The counters are cumulative per connection,
 * so a snapshot taken at phase start is subtracted; hosts connected during the phase start at 0.
 */
export function withTransportStats(sink: RunEventSink, source: StatsSource): RunEventSink {
  const atStart = new Map<string, ReadonlyMap<string, TransportStats>>();
  return (event: RunEvent) => {
    if (event.type === 'phase-start') atStart.set(event.phase, source.stats());
    if (event.type === 'phase-done') {
      const before = atStart.get(event.phase) ?? new Map<string, TransportStats>();
      for (const [host, now] of source.stats()) {
        const then = before.get(host) ?? { roundTrips: 0, bytesSent: 0, connects: 0 };
        sink({ type: 'log', level: 'debug', phase: event.phase, host, message: describeDelta(now, then) });
      }
    }
    sink(event);
  };
}

/** The message the bench parses: keep its `key=value` words stable. */
export function describeDelta(now: TransportStats, then: TransportStats): string {
  return `transport roundTrips=${now.roundTrips - then.roundTrips} bytesSent=${now.bytesSent - then.bytesSent} connects=${now.connects - then.connects}`;
}
