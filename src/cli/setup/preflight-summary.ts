import type { PreflightReport } from '../../preflight/preflight-report.ts';
import { worstStatus } from '../../preflight/preflight-report.ts';
import type { CheckResult } from '../../preflight/preflight-types.ts';
import { renderNetworkMatrix } from '../../preflight/render-network-matrix.ts';
import { bold, padEnd, paint, SYMBOL, truncate } from '../../preflight/render-text.ts';
import type { RenderOptions } from '../../preflight/render-text.ts';

/**
 * A preflight report in a screenful, for the wizard: the verdict, one line per host, the ping
 * mesh, and each distinct problem once (errors with their fix). `kit preflight` shows the rest.
 */
export function renderPreflightSummary(report: PreflightReport, options: RenderOptions): string {
  const { counts } = report;
  const verdict = report.hasErrors ? paint('FAILED', 'error', options.color) : paint('passed', 'ok', options.color);
  const lines = [`${bold('Preflight', options.color)} ${verdict}: ${report.hosts.length} hosts, ${counts.error} errors, ${counts.warn} warnings in ${(report.durationMs / 1000).toFixed(1)} s`];
  const nameWidth = Math.min(16, Math.max(4, ...report.hosts.map((host) => host.name.length)));
  const rolesWidth = Math.max(0, ...report.hosts.map((host) => host.roles.join('+').length));
  for (const host of report.hosts) {
    const status = worstStatus(host.checks);
    const about = [host.summary.os, host.summary.cpus === undefined ? undefined : `${host.summary.cpus} CPU`, host.summary.memoryMiB === undefined ? undefined : `${host.summary.memoryMiB} MiB`]
      .filter((part) => part !== undefined)
      .join(', ');
    const symbol = paint(SYMBOL[status], status, options.color);
    lines.push(`  ${symbol} ${truncate(`${padEnd(host.name, nameWidth)} ${padEnd(host.internalAddress, 15)} ${padEnd(host.roles.join('+'), rolesWidth)}  ${about}`, options.width - 4)}`);
  }
  if (report.pairs.length > 0) lines.push(`${bold('Ping mesh', options.color)} (row → column: worst check and ping ms)`, ...renderNetworkMatrix(report.hosts, report.pairs, options));
  lines.push(...problemLines(report, options));
  return `${lines.join('\n')}\n`;
}

function problemLines(report: PreflightReport, options: RenderOptions): string[] {
  const found = new Map<string, { where: string[]; check: CheckResult }>();
  const add = (where: string, check: CheckResult): void => {
    if (check.status !== 'error' && check.status !== 'warn') return;
    const key = `${check.status}\u0000${check.name}\u0000${check.message}`;
    const known = found.get(key);
    if (known === undefined) found.set(key, { where: [where], check });
    else known.where.push(where);
  };
  for (const host of report.hosts) for (const check of host.checks) add(host.name, check);
  for (const pair of report.pairs) for (const check of pair.checks) add(`${pair.from}→${pair.to}`, check);
  for (const check of report.cluster) add('cluster', check);
  const ordered = [...found.values()].sort((a, b) => rank(a.check) - rank(b.check));
  return ordered.flatMap(({ where, check }) => {
    const head = `  ${paint(SYMBOL[check.status], check.status, options.color)} ${truncate(`${check.name} on ${where.join(', ')}: ${check.message}`, options.width - 4)}`;
    return check.status === 'error' && check.fix !== undefined ? [head, `      ${truncate(`fix: ${check.fix}`, options.width - 6)}`] : [head];
  });
}

function rank(check: CheckResult): number {
  return check.status === 'error' ? 0 : 1;
}
