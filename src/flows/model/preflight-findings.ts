import type { PreflightReport } from '../../preflight/preflight-report.ts';
import type { CheckStatus } from '../../preflight/preflight-types.ts';

export interface Finding {
  readonly status: CheckStatus;
  readonly name: string;
  readonly message: string;
  readonly fix?: string;
  /** Hosts (`cp1`), pairs (`cp1→w1`) or `cluster`, that reported exactly this. */
  readonly where: readonly string[];
}

/** Warnings and errors of a report, one entry per distinct finding with every place it showed up. */
export function preflightFindings(report: PreflightReport): Finding[] {
  const located = [
    ...report.hosts.flatMap((host) => host.checks.map((check) => ({ check, where: host.name }))),
    ...report.pairs.flatMap((pair) => pair.checks.map((check) => ({ check, where: `${pair.from}→${pair.to}` }))),
    ...report.cluster.map((check) => ({ check, where: 'cluster' })),
  ].filter(({ check }) => check.status === 'warn' || check.status === 'error');
  const byKey = new Map<string, Finding>();
  for (const { check, where } of located) {
    const key = `${check.status}\0${check.name}\0${check.message}`;
    const seen = byKey.get(key);
    byKey.set(key, {
      status: check.status,
      name: check.name,
      message: check.message,
      ...(check.fix === undefined ? {} : { fix: check.fix }),
      where: [...(seen?.where ?? []), where],
    });
  }
  return [...byKey.values()];
}
