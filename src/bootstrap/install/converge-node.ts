import type { Host } from '../../host/host.ts';
import type { Logger } from '../../workflow/logger.ts';
import { DAEMONS, unitName } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import { DEFAULT_HEALTH_TIMEOUT_MS, nodeHasKubectl, waitForDaemonHealth } from '../health/wait-for-health.ts';
import type { DaemonTarget } from '../health/wait-for-health.ts';
import type { RenderedFile } from '../render/node-files.ts';
import type { ClusterSpec, NodeSpec } from '../spec/cluster-spec.ts';
import { daemonChanges } from './daemon-changes.ts';
import type { DaemonChange } from './daemon-changes.ts';
import { installDaemonFiles } from './install-daemon-files.ts';
import { enableAndStart, reloadUnit, restartUnit } from './systemctl.ts';
import { isStartedOrStarting, readUnitStates } from './unit-state.ts';
import { EtcdMembershipError } from '../etcd/etcd-membership-error.ts';

export interface ConvergeNodeOptions {
  readonly cluster: ClusterSpec;
  readonly node: NodeSpec;
  readonly host: Host;
  /** The node's rendered units and configs (renderNodeFiles), possibly a subset. */
  readonly files: readonly RenderedFile[];
  /** Paths other steps changed on this host (PKI delivery, binaries): the daemons naming them restart. */
  readonly changedPaths?: readonly string[];
  /** Daemons started after changedPaths were written (they need no restart for them). */
  readonly freshDaemons?: readonly DaemonName[];
  /** Per daemon health wait. Default DEFAULT_HEALTH_TIMEOUT_MS. */
  readonly healthTimeoutMs?: number;
  /**
   * Only ensureEtcdCluster sets this: anyone else finding etcd never started refuses to start
   * it, since a member started outside the join would found a cluster of its own.
   */
  readonly firstEtcdStart?: boolean;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** One daemon's action on one host, with when it began and when it was healthy again (epoch ms). */
export interface DaemonStep {
  readonly host: string;
  readonly daemon: DaemonName;
  readonly action: 'start' | 'restart' | 'reload' | 'check';
  readonly startedAt: number;
  readonly healthyAt: number;
}

export interface NodeReport {
  readonly host: string;
  readonly written: readonly string[];
  readonly started: readonly DaemonName[];
  readonly restarted: readonly DaemonName[];
  readonly reloaded: readonly DaemonName[];
  readonly steps: readonly DaemonStep[];
}

/**
 * Brings one node's daemons to the rendered state: writes the files, starts what is not
 * running, restarts (or reloads) only the daemons whose files changed — one at a time, each
 * healthy before the next — and finally checks every daemon's health. A converged node gets
 * no write, no start and no restart.
 */
export async function convergeNode(options: ConvergeNodeOptions): Promise<NodeReport> {
  const { host, files } = options;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const daemons = DAEMONS.filter((daemon) => files.some((file) => file.daemon === daemon));
  if (daemons.includes('etcd') && options.firstEtcdStart !== true) await refuseUnjoinedEtcd(host, options.signal);
  const installed = await installDaemonFiles(host, files, signal);
  const changes = daemonChanges({ changed: installed.changed, files, ...(options.changedPaths === undefined ? {} : { changedPaths: options.changedPaths }), ...(options.freshDaemons === undefined ? {} : { freshDaemons: options.freshDaemons }) });
  const startedAt = Date.now();
  const { started: startedUnits } = await enableAndStart(host, daemons.map(unitName), signal);
  const started = daemons.filter((daemon) => startedUnits.includes(unitName(daemon)));
  const target: DaemonTarget = { host, cluster: options.cluster, node: options.node, hasKubectl: await nodeHasKubectl(host, options.cluster.binDir, options.signal) };
  const wait = { timeoutMs: options.healthTimeoutMs, ...signal };
  const steps: DaemonStep[] = [];
  // Freshly started daemons come up together (they retry their dependencies); changed running ones go one by one.
  steps.push(...await allOf(started.map((daemon) => timedHealth(target, daemon, wait, { action: 'start', startedAt }))));
  const toChange = changes.filter((change) => !started.includes(change.daemon));
  for (const change of toChange) steps.push(await applyChange(target, change, wait));
  const checkedAt = Date.now();
  const rest = daemons.filter((daemon) => !steps.some((step) => step.daemon === daemon));
  steps.push(...await allOf(rest.map((daemon) => timedHealth(target, daemon, wait, { action: 'check', startedAt: checkedAt }))));
  const report: NodeReport = {
    host: host.name,
    written: installed.changed.map((change) => change.file.path),
    started,
    restarted: toChange.filter((change) => change.action === 'restart').map((change) => change.daemon),
    reloaded: toChange.filter((change) => change.action === 'reload').map((change) => change.daemon),
    steps,
  };
  logReport(options.logger, report);
  return report;
}

async function applyChange(target: DaemonTarget, change: DaemonChange, wait: Wait): Promise<DaemonStep> {
  const startedAt = Date.now();
  const unit = unitName(change.daemon);
  const signal = wait.signal === undefined ? {} : { signal: wait.signal };
  if (change.action === 'reload') await reloadUnit(target.host, unit, signal);
  else await restartUnit(target.host, unit, { timeoutMs: wait.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS, ...signal });
  return timedHealth(target, change.daemon, wait, { action: change.action, startedAt });
}

async function timedHealth(target: DaemonTarget, daemon: DaemonName, wait: Wait, step: Pick<DaemonStep, 'action' | 'startedAt'>): Promise<DaemonStep> {
  await waitForDaemonHealth(target, daemon, { ...(wait.timeoutMs === undefined ? {} : { timeoutMs: wait.timeoutMs }), ...(wait.signal === undefined ? {} : { signal: wait.signal }) });
  return { host: target.host.name, daemon, ...step, healthyAt: Date.now() };
}

interface Wait {
  readonly timeoutMs: number | undefined;
  readonly signal?: AbortSignal;
}

/** Like Promise.all, but lets every wait finish before reporting the first failure (no poller left running). */
async function allOf<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

async function refuseUnjoinedEtcd(host: Host, signal: AbortSignal | undefined): Promise<void> {
  const state = (await readUnitStates(host, [unitName('etcd')], signal)).get(unitName('etcd'));
  if (state?.enabled === true || (state !== undefined && isStartedOrStarting(state))) return;
  throw new EtcdMembershipError(host.name, 'has not joined the etcd cluster yet, so its other control-plane daemons cannot start',
    'This is a bug in the flow: ensureEtcdCluster must run before the control-plane daemons converge. Re-run kit apply.');
}

function logReport(logger: Logger | undefined, report: NodeReport): void {
  if (logger === undefined) return;
  const parts = [
    report.written.length > 0 ? `wrote ${report.written.length} file(s)` : 'files unchanged',
    ...(report.started.length > 0 ? [`started ${report.started.join(', ')}`] : []),
    ...(report.restarted.length > 0 ? [`restarted ${report.restarted.join(', ')}`] : []),
    ...(report.reloaded.length > 0 ? [`reloaded ${report.reloaded.join(', ')}`] : []),
  ];
  logger.log({ level: 'info', host: report.host, message: `daemons healthy; ${parts.join('; ')}`, data: { steps: report.steps } });
}
