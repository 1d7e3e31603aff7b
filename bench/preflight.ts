import { performance } from 'node:perf_hooks';
import { startRig } from '../test/rig/rig.ts';
import { preflightRounds, printPreflight } from './preflight-rounds.ts';

/**
 * Preflight alone on 3, 10 and 20 rig hosts (three control planes, so etcd pairs are probed too),
 * median of several runs; boots a 20-host rig and tears it down. `npm run bench` measures the same
 * inside bench/cluster.ts, sharing that rig. Usage: node bench/preflight.ts [runs per size, default 5]
 */
const SIZES = [3, 10, 20];
const RUNS = Number(process.argv[2] ?? 5);

const bootStarted = performance.now();
const rig = await startRig({ hosts: Array.from({ length: 20 }, (_, index) => ({ name: `node${index + 1}`, roles: [index < 3 ? 'control-plane' : 'worker'] })) });
try {
  console.error(`rig of 20 hosts up in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
  const figures = await preflightRounds({ hosts: rig.hosts, keyPath: rig.keyPath, knownHostsPath: rig.knownHostsPath, sizes: SIZES, runs: RUNS });
  printPreflight(figures);
  console.log(`BENCH-JSON ${JSON.stringify({ preflight: figures })}`);
} finally {
  await rig.stop();
}
