import { performance } from 'node:perf_hooks';
import { connectHost } from '../src/host/connect-host.ts';
import type { Host } from '../src/host/host.ts';
import { runPreflight } from '../src/preflight/run-preflight.ts';
import type { RigHost } from '../test/rig/rig.ts';
import { median } from './median.ts';

export interface PreflightFigure {
  readonly hosts: number;
  readonly pairs: number;
  readonly medianS: number;
  readonly minS: number;
  readonly maxS: number;
  readonly roundTripsPerHost: number;
  readonly runs: number;
}

export interface PreflightRoundsOptions {
  readonly hosts: readonly RigHost[];
  readonly keyPath: string;
  readonly knownHostsPath: string;
  readonly sizes: readonly number[];
  readonly runs: number;
}

/**
 * Times whole preflight rounds (facts, ping mesh, TCP/UDP matrix, clock skew) over real SSH on
 * the first N of `hosts` for each size, connections opened beforehand so only preflight counts.
 */
export async function preflightRounds(options: PreflightRoundsOptions): Promise<PreflightFigure[]> {
  const largest = Math.max(...options.sizes);
  const chosen = options.hosts.slice(0, largest);
  const connected: Host[] = [];
  const figures: PreflightFigure[] = [];
  try {
    for (const host of chosen) {
      connected.push(await connectHost({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: options.keyPath, knownHostsFile: options.knownHostsPath }, { acceptNewHostKeys: false }));
    }
    for (const size of options.sizes) {
      const inputs = chosen.slice(0, size).map((host, index) => ({ node: { name: host.name, internalAddress: host.address, roles: host.roles }, host: connected[index] as Host }));
      const times: number[] = [];
      let roundTrips = 0;
      for (let run = 0; run < options.runs; run += 1) {
        const before = inputs.reduce((sum, input) => sum + input.host.stats().roundTrips, 0);
        const started = performance.now();
        const report = await runPreflight({ hosts: inputs, concurrency: 32 });
        times.push((performance.now() - started) / 1000);
        roundTrips = (inputs.reduce((sum, input) => sum + input.host.stats().roundTrips, 0) - before) / size;
        if (report.pairs.length !== size * (size - 1)) throw new Error(`expected ${size * (size - 1)} pairs, got ${report.pairs.length}`);
      }
      figures.push({ hosts: size, pairs: size * (size - 1), medianS: round(median(times)), minS: round(Math.min(...times)), maxS: round(Math.max(...times)), roundTripsPerHost: Math.round(roundTrips), runs: options.runs });
    }
  } finally {
    await Promise.allSettled(connected.map((host) => host.close()));
  }
  return figures;
}

export function printPreflight(figures: readonly PreflightFigure[]): void {
  console.log('preflight (SSH already connected)');
  console.log('hosts  ordered pairs  median s  min s  max s  round trips/host');
  for (const figure of figures) {
    console.log([String(figure.hosts).padStart(5), String(figure.pairs).padStart(14), figure.medianS.toFixed(2).padStart(9), figure.minS.toFixed(2).padStart(6), figure.maxS.toFixed(2).padStart(6), String(figure.roundTripsPerHost).padStart(18)].join(' '));
  }
  const first = figures[0];
  const last = figures.at(-1);
  if (first !== undefined && last !== undefined && first !== last) console.log(`${last.hosts}/${first.hosts}-host time ratio: ${(last.medianS / first.medianS).toFixed(2)}`);
}

function round(value: number): number {
  return Number(value.toFixed(3));
}
