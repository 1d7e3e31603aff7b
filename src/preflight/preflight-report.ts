import type { PairReport } from './pair-checks.ts';
import type { CheckResult, CheckStatus, PreflightRole } from './preflight-types.ts';

/** A short description of the host for reports (from its facts, when they could be gathered). */
export interface HostSummary {
  readonly os?: string;
  readonly kernel?: string;
  readonly architecture?: string;
  readonly cpus?: number;
  readonly memoryMiB?: number;
}

export interface HostReport {
  readonly name: string;
  /** Where SSH connects. */
  readonly address: string;
  readonly internalAddress: string;
  readonly roles: readonly PreflightRole[];
  readonly summary: HostSummary;
  readonly checks: readonly CheckResult[];
}

export interface PreflightCounts {
  readonly ok: number;
  readonly warn: number;
  readonly error: number;
  readonly skipped: number;
  /** Errors lowered to warnings by ignorePreflightErrors (counted in `warn` too). */
  readonly ignored: number;
}

/**
 * The whole preflight result: plain data (no classes, maps or errors), so `--output json`
 * prints it as is and renderPreflightReport draws it for terminals.
 */
export interface PreflightReport {
  readonly hosts: readonly HostReport[];
  /** Every ordered pair of hosts that both answered, `from` probing `to`. */
  readonly pairs: readonly PairReport[];
  /** Checks across hosts: duplicates and clock skew. */
  readonly cluster: readonly CheckResult[];
  readonly counts: PreflightCounts;
  /** True when any error remains after ignoring: the CLI exits non-zero. */
  readonly hasErrors: boolean;
  readonly durationMs: number;
}

/** Every check result in the report, wherever it sits. */
export function allChecks(report: Pick<PreflightReport, 'hosts' | 'pairs' | 'cluster'>): readonly CheckResult[] {
  return [...report.hosts.flatMap((host) => host.checks), ...report.pairs.flatMap((pair) => pair.checks), ...report.cluster];
}

export function countChecks(checks: readonly CheckResult[]): PreflightCounts {
  const count = (status: CheckStatus): number => checks.filter((check) => check.status === status).length;
  return { ok: count('ok'), warn: count('warn'), error: count('error'), skipped: count('skipped'), ignored: checks.filter((check) => check.ignored === true).length };
}

const SEVERITY: Readonly<Record<CheckStatus, number>> = { skipped: 0, ok: 1, warn: 2, error: 3 };

/** The worst status among checks (skipped counts least); `skipped` when there are none. */
export function worstStatus(checks: readonly CheckResult[]): CheckStatus {
  return checks.reduce<CheckStatus>((worst, check) => (SEVERITY[check.status] > SEVERITY[worst] ? check.status : worst), 'skipped');
}
