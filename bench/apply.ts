import { performance } from 'node:perf_hooks';
import { startRig } from '../test/rig/rig.ts';
import { runKit } from '../test/support/run-kit.ts';
import { median } from './median.ts';

/**
 * `kit apply` wall time on fresh 1+2 rig clusters (one rig per run: a first apply happens once
 * per host set) and the no-op re-apply time, as medians. Usage: node bench/apply.ts [runs, default 3]
 */
const RUNS = Number(process.argv[2] ?? 3);
const REAPPLIES = 3;

async function timedApply(inventory: string): Promise<number> {
  const started = performance.now();
  const run = await runKit(['apply', '-f', inventory], { timeoutMs: 600_000 });
  if (run.exitCode !== 0) throw new Error(`kit apply exited ${run.exitCode}:\n${run.stderr}`);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const first: number[] = [];
  const again: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'w1', roles: ['worker'] }, { name: 'w2', roles: ['worker'] }] });
    try {
      first.push(await timedApply(rig.inventoryPath));
      for (let index = 0; index < REAPPLIES; index += 1) again.push(await timedApply(rig.inventoryPath));
    } finally {
      await rig.stop();
    }
    console.error(`run ${run + 1}/${RUNS}: first apply ${first.at(-1)?.toFixed(1)} s`);
  }
  const summary = {
    hosts: '1 control plane + 2 workers',
    firstApplySeconds: Number(median(first).toFixed(2)),
    noOpReapplySeconds: Number(median(again).toFixed(2)),
    noOpRatio: Number((median(again) / median(first)).toFixed(3)),
    runs: RUNS,
  };
  console.log(`kit apply (1+2): first ${summary.firstApplySeconds} s, no-op re-apply ${summary.noOpReapplySeconds} s (ratio ${summary.noOpRatio}), medians of ${RUNS} / ${RUNS * REAPPLIES} runs`);
  console.log(JSON.stringify({ bench: 'apply', ...summary }));
}

await main();
