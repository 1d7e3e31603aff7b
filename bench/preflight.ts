import { performance } from 'node:perf_hooks';
import { connectHost } from '../src/host/connect-host.ts';
import type { Host } from '../src/host/host.ts';
import { runPreflight } from '../src/preflight/run-preflight.ts';
import { startRig, type Rig } from '../test/rig/rig.ts';
import { median } from './median.ts';

/**
 * Times one whole preflight round (facts, ping mesh, TCP/UDP matrix, clock skew) on 3, 10 and
 * 20 rig hosts over real SSH and prints the median of several runs. Boots a 20-host rig (three
 * control planes, so etcd pairs are probed too) and tears it down at the end.
 * Usage: node bench/preflight.ts [runs per size, default 5]
 */
const SIZES = [3, 10, 20] as const;
const RUNS = Number(process.argv[2] ?? 5);


async function main(): Promise<void> {
  const largest = Math.max(...SIZES);
  const bootStarted = performance.now();
  const specs = Array.from({ length: largest }, (_, index) => ({ name: `node${index + 1}`, roles: index < 3 ? (['control-plane'] as const) : (['worker'] as const) }));
  const rig: Rig = await startRig({ hosts: specs.map((spec) => ({ name: spec.name, roles: [...spec.roles] })) });
  const hosts: Host[] = [];
  try {
    console.error(`rig of ${largest} hosts up in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
    for (const host of rig.hosts) {
      hosts.push(await connectHost({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath }, { acceptNewHostKeys: false }));
    }
    console.log(`preflight, median of ${RUNS} runs (SSH already connected)`);
    console.log('hosts  ordered pairs  median s  min s  max s  round trips/host');
    for (const size of SIZES) {
      const inputs = rig.hosts.slice(0, size).map((host, index) => ({ node: { name: host.name, internalAddress: host.address, roles: host.roles }, host: hosts[index] as Host }));
      const times: number[] = [];
      let roundTrips = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const before = inputs.reduce((sum, input) => sum + input.host.stats().roundTrips, 0);
        const started = performance.now();
        const report = await runPreflight({ hosts: inputs, concurrency: 32 });
        times.push((performance.now() - started) / 1000);
        roundTrips = (inputs.reduce((sum, input) => sum + input.host.stats().roundTrips, 0) - before) / size;
        if (report.pairs.length !== size * (size - 1)) throw new Error(`expected ${size * (size - 1)} pairs, got ${report.pairs.length}`);
      }
      const cells = [String(size).padStart(5), String(size * (size - 1)).padStart(14), median(times).toFixed(2).padStart(9), Math.min(...times).toFixed(2).padStart(6), Math.max(...times).toFixed(2).padStart(6), roundTrips.toFixed(0).padStart(18)];
      console.log(cells.join(' '));
    }
  } finally {
    await Promise.allSettled(hosts.map((host) => host.close()));
    await rig.stop();
  }
}

await main();
