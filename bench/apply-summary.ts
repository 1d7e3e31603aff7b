import { median } from './median.ts';
import type { ApplyMeasurement } from './timed-apply.ts';

/** Medians across runs of each phase's duration, seconds, in the order the phases ran. */
export function phaseMedians(runs: readonly ApplyMeasurement[]): Record<string, number> {
  const byPhase = new Map<string, number[]>();
  for (const run of runs) for (const timing of run.phases) byPhase.set(timing.phase, [...(byPhase.get(timing.phase) ?? []), timing.ms]);
  return Object.fromEntries([...byPhase].map(([phase, values]) => [phase, seconds(median(values) / 1000)]));
}

/** Sum of the given phases' durations in one run, seconds (runs that lack one count what they have). */
export function phasesSum(run: ApplyMeasurement, phases: readonly string[]): number {
  return run.phases.filter((timing) => phases.includes(timing.phase)).reduce((sum, timing) => sum + timing.ms, 0) / 1000;
}

/** Per host, the bytes uploaded over the whole run. */
export function bytesPerHost(run: ApplyMeasurement): Map<string, number> {
  const totals = new Map<string, number>();
  for (const hosts of run.transport.values()) for (const [host, counters] of hosts) totals.set(host, (totals.get(host) ?? 0) + counters.bytesSent);
  return totals;
}

/** Hosts split by role (name contains `-cp`): the median of a per-host figure for each role. */
export function byRole(values: ReadonlyMap<string, number>): { controlPlane: number; worker: number } {
  const pick = (controlPlane: boolean): number[] => [...values].filter(([host]) => host.includes('-cp') === controlPlane).map(([, value]) => value);
  return { controlPlane: median(pick(true)), worker: median(pick(false)) };
}

/** Round trips per host per phase: for each phase, the median over control planes and over workers. */
export function roundTripsPerPhase(run: ApplyMeasurement): Record<string, { controlPlane: number; worker: number; connects: number }> {
  return Object.fromEntries([...run.transport].map(([phase, hosts]) => {
    const trips = new Map([...hosts].map(([host, counters]) => [host, counters.roundTrips]));
    const connects = [...hosts.values()].reduce((sum, counters) => sum + counters.connects, 0);
    return [phase, { ...byRole(trips), connects }];
  }));
}

export function seconds(value: number): number {
  return Number(value.toFixed(2));
}

export function mib(bytes: number): number {
  return Number((bytes / 1_048_576).toFixed(2));
}
