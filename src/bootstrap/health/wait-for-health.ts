import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecResult, Host } from '../../host/host.ts';
import type { DaemonName } from '../daemons.ts';
import { unitName } from '../daemons.ts';
import type { UnitState } from '../install/unit-state.ts';
import { isStartedOrStarting, readUnitStates } from '../install/unit-state.ts';
import type { ClusterSpec, NodeSpec } from '../spec/cluster-spec.ts';
import { DaemonUnhealthyError } from './daemon-unhealthy-error.ts';
import { describeProbeResult, healthProbes, probePassed, PROBE_REQUEST_SECONDS } from './health-probe.ts';
import type { HealthProbe } from './health-probe.ts';
import { readJournalTail } from './journal-tail.ts';
import { diagnose } from './likely-fix.ts';

export interface DaemonTarget {
  readonly host: Host;
  readonly cluster: ClusterSpec;
  readonly node: NodeSpec;
  /** Whether `<binDir>/kubectl` is on the node (nodeHasKubectl); decides how HTTPS endpoints are probed. */
  readonly hasKubectl: boolean;
}

export interface HealthWaitOptions {
  /** Give up after this long. Default DEFAULT_HEALTH_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Pause between probes. Default 1 s. */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

export interface HealthResult {
  readonly daemon: DaemonName;
  /** From the call until every probe passed. */
  readonly elapsedMs: number;
  readonly attempts: number;
}

/** A first start of kube-apiserver 1.20 on a busy 2-core host takes tens of seconds; three minutes leaves room. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 180_000;
/** A unit stopped, with no job queued, this many probes in a row is not going to start by itself. */
const STOPPED_PROBES = 5;
/** Log lines searched for the cause, and shown in the error. */
const DIAGNOSIS_LINES = 300;
const SHOWN_LINES = 20;
/** Restart=always retries forever; this many restarts during one wait means it will not come up. */
const MAX_RESTARTS = 8;

export async function nodeHasKubectl(host: Host, binDir: string, signal?: AbortSignal): Promise<boolean> {
  const result = await host.exec(['test', '-x', `${binDir}/kubectl`], { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  return result.exitCode === 0;
}

/**
 * Polls a daemon's health endpoints from the node until all pass. Gives up at the timeout,
 * or earlier when the unit is missing, stays stopped, or keeps crashing, with a
 * DaemonUnhealthyError carrying the journal's last lines and the likely fix.
 */
export async function waitForDaemonHealth(target: DaemonTarget, daemon: DaemonName, options: HealthWaitOptions = {}): Promise<HealthResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
  const probes = healthProbes(daemon, target);
  const unit = unitName(daemon);
  const first = await unitState(target.host, unit, options.signal);
  let stoppedInARow = 0;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const failed = await firstFailingProbe(target.host, probes, options.signal);
    if (failed === undefined) return { daemon, elapsedMs: Date.now() - started, attempts };
    const state = await unitState(target.host, unit, options.signal);
    stoppedInARow = isStartedOrStarting(state) ? 0 : stoppedInARow + 1;
    const verdict = giveUpReason({ state, first, stoppedInARow, timedOut: Date.now() >= deadline, waitedMs: Date.now() - started });
    if (verdict !== undefined) throw await unhealthy(target, daemon, { reason: verdict, state, lastProbe: failed, signal: options.signal });
    await sleep(Math.min(options.intervalMs ?? 1000, Math.max(0, deadline - Date.now())), undefined, options.signal === undefined ? {} : { signal: options.signal });
  }
}

/** Waits for several daemons of one node at once; the first failure (in the given order) is thrown. */
export async function waitForDaemonsHealth(target: DaemonTarget, daemons: readonly DaemonName[], options: HealthWaitOptions = {}): Promise<HealthResult[]> {
  const settled = await Promise.allSettled(daemons.map((daemon) => waitForDaemonHealth(target, daemon, options)));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

interface Verdict {
  readonly state: UnitState;
  readonly first: UnitState;
  readonly stoppedInARow: number;
  readonly timedOut: boolean;
  readonly waitedMs: number;
}

function giveUpReason(verdict: Verdict): string | undefined {
  const { state, first } = verdict;
  if (!state.loaded) return 'systemd has no such unit (was its file written and systemctl daemon-reload run?)';
  if (verdict.stoppedInARow >= STOPPED_PROBES) return 'the unit is stopped and nothing starts it';
  const restarts = state.restarts - first.restarts;
  if (restarts >= MAX_RESTARTS) return `it crashed and was restarted ${restarts} times while kit waited`;
  if (verdict.timedOut) return `no health check passed within ${Math.round(verdict.waitedMs / 1000)} s`;
  return undefined;
}

/** The failed probe's description, or undefined when every probe passed. */
async function firstFailingProbe(host: Host, probes: readonly HealthProbe[], signal: AbortSignal | undefined): Promise<string | undefined> {
  for (const probe of probes) {
    const result = await runProbe(host, probe, signal);
    if (!probePassed(probe, result)) return describeProbeResult(probe, result);
  }
  return undefined;
}

async function runProbe(host: Host, probe: HealthProbe, signal: AbortSignal | undefined): Promise<ExecResult> {
  // Every exit code is an answer here: only a probe that passes ends the wait.
  const allowedExitCodes = Array.from({ length: 256 }, (_, code) => code);
  return host.exec(probe.argv, { allowedExitCodes, timeoutMs: (PROBE_REQUEST_SECONDS + 5) * 1000, ...(signal === undefined ? {} : { signal }) });
}

async function unitState(host: Host, unit: string, signal: AbortSignal | undefined): Promise<UnitState> {
  const state = (await readUnitStates(host, [unit], signal)).get(unit);
  if (state === undefined) throw new Error(`internal: systemctl show gave nothing for ${unit}`);
  return state;
}

async function unhealthy(target: DaemonTarget, daemon: DaemonName, found: { reason: string; state: UnitState; lastProbe: string; signal: AbortSignal | undefined }): Promise<DaemonUnhealthyError> {
  const window = await readJournalTail(target.host, unitName(daemon), { lines: DIAGNOSIS_LINES, ...(found.signal === undefined ? {} : { signal: found.signal }) });
  const diagnosis = diagnose(daemon, window, target.host.name);
  return new DaemonUnhealthyError({
    host: target.host.name,
    daemon,
    reason: found.reason,
    unitState: `${found.state.activeState} (${found.state.subState})`,
    lastProbe: found.lastProbe,
    journal: window.split('\n').slice(-SHOWN_LINES).join('\n'),
    ...(diagnosis.line === undefined ? {} : { keyLine: diagnosis.line }),
    hint: diagnosis.fix,
  });
}
