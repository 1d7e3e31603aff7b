import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CancelledError } from '../errors/cancelled-error.ts';
import { fanOut } from '../workflow/fan-out.ts';
import { evaluateClockSkew } from './clock-skew.ts';
import type { ClockOffset } from './clock-skew.ts';
import { connectionChecks } from './connection-checks.ts';
import { duplicateChecks } from './duplicate-checks.ts';
import { evaluateHostChecks } from './host-checks.ts';
import { openSession } from './host-session.ts';
import type { HostSession } from './host-session.ts';
import { applyIgnore } from './ignore-errors.ts';
import type { IgnoreList } from './ignore-errors.ts';
import { runNetworkRound } from './network-round.ts';
import type { NetworkMember } from './network-round.ts';
import { evaluatePair } from './pair-checks.ts';
import type { PairReport } from './pair-checks.ts';
import type { PreflightHostInput, PreflightProgress } from './preflight-input.ts';
import { allChecks, countChecks } from './preflight-report.ts';
import type { HostReport, PreflightReport } from './preflight-report.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from './preflight-settings.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { CheckResult } from './preflight-types.ts';

export interface RunPreflightOptions {
  readonly hosts: readonly PreflightHostInput[];
  readonly settings?: PreflightSettings;
  readonly signal?: AbortSignal;
  /** At most this many hosts are worked on at once. Default 16. */
  readonly concurrency?: number;
  /** Check names whose errors become warnings, or `all`. */
  readonly ignore?: IgnoreList;
  readonly onProgress?: (event: PreflightProgress) => void;
}

/**
 * Checks every host, every pair of hosts and the cluster as a whole, then returns the report.
 * Host failures (down, SSH refused) are results in the report, not exceptions; only
 * cancellation rejects (with CancelledError) once the probe listeners are stopped.
 */
export async function runPreflight(options: RunPreflightOptions): Promise<PreflightReport> {
  const started = performance.now();
  const settings = options.settings ?? DEFAULT_PREFLIGHT_SETTINGS;
  const concurrency = options.concurrency ?? 16;
  const now = (): number => performance.timeOrigin + performance.now();
  const sessions = await gather(options, { settings, concurrency, now });
  try {
    const members: NetworkMember[] = sessions.flatMap((session) =>
      session.host !== undefined && session.facts !== undefined ? [{ node: session.input.node, host: session.host, facts: session.facts }] : [],
    );
    const pairs = members.length < 2 ? [] : await checkPairs(members, { ...options, settings, concurrency });
    const hosts = sessions.map((session) => hostReport(session, settings));
    const offsets = new Map(sessions.flatMap((session): [string, ClockOffset][] => (session.clock === undefined ? [] : [[session.input.node.name, session.clock]])));
    const cluster: CheckResult[] = [...duplicateChecks(members), { name: 'ClockSkew', ...evaluateClockSkew(offsets, settings.maxClockSkewMs) }];
    return finish({ hosts, pairs, cluster }, options.ignore ?? [], performance.now() - started);
  } finally {
    await Promise.allSettled(sessions.filter((session) => session.owned && session.host !== undefined).map((session) => session.host?.close()));
  }
}

async function gather(options: RunPreflightOptions, context: { settings: PreflightSettings; concurrency: number; now: () => number }): Promise<HostSession[]> {
  const outcome = await fanOut(
    options.hosts,
    (input) => input.node.name,
    async (input) => {
      options.onProgress?.({ step: 'facts', host: input.node.name, status: 'started' });
      const session = await openSession(input, { settings: context.settings, signal: options.signal, now: context.now });
      options.onProgress?.({ step: 'facts', host: input.node.name, status: session.sshError === undefined ? 'finished' : 'failed' });
      return session;
    },
    { concurrency: context.concurrency, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  const sessions = options.hosts.flatMap((input) => {
    const session = outcome.results.get(input);
    return session === undefined ? [] : [session];
  });
  if (options.signal?.aborted === true) {
    await Promise.allSettled(sessions.filter((session) => session.owned).map((session) => session.host?.close()));
    throw new CancelledError();
  }
  return sessions;
}

async function checkPairs(members: readonly NetworkMember[], options: RunPreflightOptions & { settings: PreflightSettings; concurrency: number }): Promise<PairReport[]> {
  let observations;
  try {
    observations = await runNetworkRound({
      members,
      settings: options.settings,
      runId: randomBytes(6).toString('hex'),
      concurrency: options.concurrency,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  } catch (cause) {
    if (options.signal?.aborted === true) throw new CancelledError();
    throw cause;
  }
  return members.flatMap((from) =>
    members.filter((to) => to !== from).map((to) => evaluatePair({ from: from.node, to: to.node }, observations, options.settings)),
  );
}

function hostReport(session: HostSession, settings: PreflightSettings): HostReport {
  const { node } = session.input;
  const connection = connectionChecks(session.ping, { address: session.address, ...(session.sshError === undefined ? {} : { error: session.sshError }) });
  const facts = session.facts;
  const checks = facts === undefined ? connection : [...connection, ...evaluateHostChecks({ node, facts, settings })];
  const summary =
    facts === undefined
      ? {}
      : {
          ...(facts.os === undefined ? {} : { os: facts.os.prettyName }),
          ...(facts.kernelRelease === undefined ? {} : { kernel: facts.kernelRelease }),
          ...(facts.architecture === undefined ? {} : { architecture: facts.architecture }),
          ...(facts.cpus === undefined ? {} : { cpus: facts.cpus }),
          ...(facts.memoryMiB === undefined ? {} : { memoryMiB: facts.memoryMiB }),
        };
  return { name: node.name, address: session.address, internalAddress: node.internalAddress, roles: node.roles, summary, checks };
}

/** Applies the ignore list everywhere, then counts. */
function finish(parts: Pick<PreflightReport, 'hosts' | 'pairs' | 'cluster'>, ignore: IgnoreList, durationMs: number): PreflightReport {
  const hosts = parts.hosts.map((host) => ({ ...host, checks: applyIgnore(host.checks, ignore) }));
  const pairs = parts.pairs.map((pair) => ({ ...pair, checks: applyIgnore(pair.checks, ignore) }));
  const cluster = applyIgnore(parts.cluster, ignore);
  const counts = countChecks(allChecks({ hosts, pairs, cluster }));
  return { hosts, pairs, cluster, counts, hasErrors: counts.error > 0, durationMs: Math.round(durationMs) };
}
