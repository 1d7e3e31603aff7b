import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { APPLY_FLOW } from '../src/flows/apply-flow.ts';
import { HostPool } from '../src/host/host-pool.ts';
import { ensureHaproxyLibraryDebs, installHaproxy } from '../test/e2e/support/daemons-setup.ts';
import { startRig, type Rig } from '../test/rig/rig.ts';
import { type BenchGroup, groupHosts, groupLabel, groupSpecs, phasesNeedingKubelet, writeGroupInventory } from './bench-groups.ts';
import { bytesPerHost, byRole, mib, phaseMedians, phasesSum, roundTripsPerPhase, seconds } from './apply-summary.ts';
import { median } from './median.ts';
import { preflightRounds, printPreflight, type PreflightFigure } from './preflight-rounds.ts';
import { timedApply, type ApplyMeasurement } from './timed-apply.ts';

/**
 * `kit apply` on rig clusters carved out of one rig (booted once, torn down at the end):
 * fresh 1+2 clusters with every phase (one per run: a first apply needs fresh hosts), one 3+2,
 * and 10 and 20 hosts with the phases that need no kubelet; each first apply is followed by
 * no-op re-applies. Preflight rounds for 3, 10 and 20 hosts run first on the 20 fresh hosts.
 * Usage: node bench/apply.ts [--runs 3] [--reapplies 3] [--no-ha] [--no-scale]
 */
const { values: flags } = parseArgs({ options: { 'runs': { type: 'string', default: '3' }, 'reapplies': { type: 'string', default: '3' }, 'no-ha': { type: 'boolean', default: false }, 'no-scale': { type: 'boolean', default: false } } });
const RUNS = Number(flags.runs);
const REAPPLIES = Number(flags.reapplies);
const PHASES = APPLY_FLOW.phases.map((phase) => phase.name);
const KUBELET_PHASES = phasesNeedingKubelet(PHASES);
const CUT_PHASES = PHASES.filter((phase) => !KUBELET_PHASES.includes(phase));

const scale: BenchGroup[] = flags['no-scale'] ? [] : [{ id: 'c', controlPlanes: 1, workers: 19, cut: true }, { id: 'b', controlPlanes: 1, workers: 9, cut: true }];
const small: BenchGroup[] = Array.from({ length: RUNS }, (_, index) => ({ id: `a${index + 1}`, controlPlanes: 1, workers: 2, cut: false }));
const ha: BenchGroup[] = flags['no-ha'] ? [] : [{ id: 'd', controlPlanes: 3, workers: 2, cut: false }];
const GROUPS = [...scale, ...small, ...ha];

interface GroupResult {
  readonly group: BenchGroup;
  readonly first: ApplyMeasurement;
  readonly again: readonly ApplyMeasurement[];
}

/** Several control planes mean a node-local API balancer: what `apt-get install haproxy` does on a real server. */
async function installHaproxyOn(rig: Rig, group: BenchGroup): Promise<void> {
  if (group.controlPlanes < 2) return;
  const pool = new HostPool({ acceptNewHostKeys: false });
  try {
    const debs = await ensureHaproxyLibraryDebs();
    await Promise.all(groupHosts(rig, group).map(async (host) => installHaproxy(await pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath }), debs, '/usr/sbin/haproxy')));
  } finally {
    await pool.closeAll();
  }
}

async function measureGroup(rig: Rig, group: BenchGroup): Promise<GroupResult> {
  await installHaproxyOn(rig, group);
  const inventory = await writeGroupInventory(rig, group);
  const extra = group.cut && KUBELET_PHASES.length > 0 ? ['--skip-phases', KUBELET_PHASES.join(',')] : [];
  const first = await timedApply(inventory, extra);
  report(group, 'first', first);
  const again: ApplyMeasurement[] = [];
  for (let index = 0; first.exitCode === 0 && index < REAPPLIES; index += 1) {
    again.push(await timedApply(inventory, extra));
    report(group, `re-apply ${index + 1}`, again.at(-1) as ApplyMeasurement);
  }
  return { group, first, again };
}

function report(group: BenchGroup, label: string, run: ApplyMeasurement): void {
  const phases = run.phases.map((timing) => `${timing.phase} ${(timing.ms / 1000).toFixed(1)}${timing.skipped === undefined ? '' : '='}`).join(', ');
  console.error(`[${group.id} ${groupLabel(group)}] ${label}: ${run.wallS.toFixed(1)} s, exit ${run.exitCode}, ${run.maxRssMiB.toFixed(0)} MiB peak; ${phases}`);
  if (run.failure !== undefined) console.error(`  failed: ${run.failure.split('\n').slice(-8).join('\n  ')}`);
}

function summarise(results: readonly GroupResult[]): Record<string, unknown> {
  const of = (groups: readonly BenchGroup[]): GroupResult[] => results.filter((result) => groups.includes(result.group));
  const clusters = (list: readonly GroupResult[]): Record<string, unknown> | undefined => {
    if (list.length === 0) return undefined;
    const firsts = list.map((result) => result.first);
    const agains = list.flatMap((result) => result.again);
    const sample = list[0] as GroupResult;
    const firstWall = median(firsts.map((run) => run.wallS));
    const againWall = median(agains.map((run) => run.wallS));
    return {
      hosts: groupLabel(sample.group), firstApplies: firsts.length, reApplies: agains.length,
      succeeded: firsts.filter((run) => run.exitCode === 0).length,
      failures: firsts.flatMap((run) => (run.failure === undefined ? [] : [run.failure.split('\n').slice(-4).join(' | ')])),
      firstWallS: seconds(firstWall), firstWallSamplesS: firsts.map((run) => seconds(run.wallS)), firstPhaseS: phaseMedians(firsts),
      noKubeletPhasesS: seconds(median(firsts.map((run) => phasesSum(run, CUT_PHASES)))),
      reapplyWallS: agains.length === 0 ? null : seconds(againWall), reapplyPhaseS: phaseMedians(agains),
      noOpRatio: agains.length === 0 ? null : Number((againWall / firstWall).toFixed(3)),
      maxRssMiB: Math.round(Math.max(...firsts.map((run) => run.maxRssMiB), ...agains.map((run) => run.maxRssMiB))),
      uploadMiBPerHost: { first: roleMib(bytesPerHost(sample.first)), second: sample.again[0] === undefined ? null : roleMib(bytesPerHost(sample.again[0])) },
      roundTripsPerHostPerPhase: { first: roundTripsPerPhase(sample.first), second: sample.again[0] === undefined ? null : roundTripsPerPhase(sample.again[0]) },
    };
  };
  const three = of(small).map((result) => phasesSum(result.first, CUT_PHASES));
  const twenty = of(scale.filter((group) => group.workers + group.controlPlanes === 20)).map((result) => phasesSum(result.first, CUT_PHASES));
  return {
    phases: PHASES, noKubeletPhases: CUT_PHASES,
    smallClusters: clusters(of(small)) ?? null, haCluster: clusters(of(ha)) ?? null,
    scale: of(scale).map((result) => clusters([result])),
    noKubeletRatio20to3: three.length > 0 && twenty.length > 0 ? Number((median(twenty) / median(three)).toFixed(2)) : null,
  };
}

function roleMib(values: ReadonlyMap<string, number>): { controlPlane: number; worker: number } {
  const roles = byRole(values);
  return { controlPlane: mib(roles.controlPlane), worker: mib(roles.worker) };
}

async function main(): Promise<void> {
  const machine = { cpus: cpus().length, loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))) };
  const bootStarted = performance.now();
  const rig = await startRig({ hosts: GROUPS.flatMap(groupSpecs) });
  const bootS = seconds((performance.now() - bootStarted) / 1000);
  console.error(`rig of ${rig.hosts.length} hosts (${GROUPS.map((group) => `${group.id}: ${groupLabel(group)}`).join('; ')}) up in ${bootS} s`);
  const results: GroupResult[] = [];
  let preflight: PreflightFigure[] = [];
  try {
    const twenty = scale.find((group) => group.workers + group.controlPlanes === 20);
    if (twenty !== undefined) {
      preflight = await preflightRounds({ hosts: groupHosts(rig, twenty), keyPath: rig.keyPath, knownHostsPath: rig.knownHostsPath, sizes: [3, 10, 20], runs: Math.max(3, RUNS) });
      printPreflight(preflight);
    }
    for (const group of GROUPS) results.push(await measureGroup(rig, group));
  } finally {
    await rig.stop();
  }
  const summary = { machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))), rigHosts: rig.hosts.length, rigBootS: bootS }, preflight, apply: summarise(results) };
  console.log(JSON.stringify(summary.apply, null, 2));
  console.log(`BENCH-JSON ${JSON.stringify(summary)}`);
}

await main();
