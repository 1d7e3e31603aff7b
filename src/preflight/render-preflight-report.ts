import type { PreflightReport } from './preflight-report.ts';
import type { CheckResult } from './preflight-types.ts';
import { renderCheckGrid } from './render-check-grid.ts';
import { renderNetworkMatrix } from './render-network-matrix.ts';
import { bold, paint, padEnd, SYMBOL, truncate, wrap } from './render-text.ts';
import type { RenderOptions } from './render-text.ts';

export type { RenderOptions } from './render-text.ts';

/** Renders the report for a terminal of `width` columns: hosts, check grid, matrix, cluster, problems. */
export function renderPreflightReport(report: PreflightReport, options: RenderOptions): string {
  const width = Math.max(40, options.width);
  const opts = { ...options, width };
  const { counts } = report;
  const ignored = counts.ignored === 0 ? '' : ` (${counts.ignored} ignored)`;
  const verdict = report.hasErrors ? paint('FAILED', 'error', opts.color) : paint('passed', 'ok', opts.color);
  const lines = [
    `${bold('Preflight', opts.color)} ${verdict}: ${report.hosts.length} hosts, ${counts.error} errors, ${counts.warn} warnings${ignored} in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    ...hostTable(report, width),
    '',
    bold('Host checks', opts.color) + '  (✓ ok  ! warning  ✗ error  - skipped  · not applicable)',
    ...renderCheckGrid(report.hosts, opts),
  ];
  if (report.pairs.length > 0) {
    lines.push('', `${bold('Network', opts.color)}  (row → column: worst check and ping ms)`, ...renderNetworkMatrix(report.hosts, report.pairs, opts));
  }
  lines.push('', bold('Cluster', opts.color));
  for (const check of report.cluster) lines.push(...wrap(`${check.name}: ${check.message}`, width, '      ', `  ${paint(SYMBOL[check.status], check.status, opts.color)} `));
  const problems = problemLines(report, opts);
  if (problems.length > 0) lines.push('', bold('To fix', opts.color), ...problems);
  return `${lines.join('\n')}\n`;
}

function hostTable(report: PreflightReport, width: number): string[] {
  const nameWidth = Math.min(16, Math.max(4, ...report.hosts.map((host) => host.name.length)));
  const indexWidth = String(report.hosts.length).length;
  const rolesWidth = Math.max(...report.hosts.map((host) => host.roles.join('+').length));
  return report.hosts.map((host, index) => {
    const { summary } = host;
    const os = summary.os?.replace(' GNU/Linux', '').replace(/ \(.*\)$/u, '');
    const about = [os, summary.kernel, summary.cpus === undefined ? undefined : `${summary.cpus} CPU`, summary.memoryMiB === undefined ? undefined : `${summary.memoryMiB} MiB`]
      .filter((part) => part !== undefined)
      .join(', ');
    const line = `  ${String(index + 1).padStart(indexWidth)} ${padEnd(host.name, nameWidth)} ${padEnd(host.internalAddress, 15)} ${padEnd(host.roles.join('+'), rolesWidth)}  ${about}`;
    return truncate(line.trimEnd(), width);
  });
}

interface Problem {
  readonly where: string[];
  readonly check: CheckResult;
}

/** Errors, then warnings; identical findings on several hosts are listed once with every host. */
function problemLines(report: PreflightReport, options: RenderOptions): string[] {
  const problems = new Map<string, Problem>();
  const add = (where: string, check: CheckResult): void => {
    if (check.status !== 'error' && check.status !== 'warn') return;
    const key = [check.status, check.name, check.message, check.fix ?? ''].join('\u0000');
    const known = problems.get(key);
    if (known === undefined) problems.set(key, { where: [where], check });
    else known.where.push(where);
  };
  for (const host of report.hosts) for (const check of host.checks) add(host.name, check);
  for (const pair of report.pairs) for (const check of pair.checks) add(`${pair.from}→${pair.to}`, check);
  for (const check of report.cluster) add('cluster', check);
  const ordered = [...problems.values()].sort((a, b) => (a.check.status === b.check.status ? 0 : a.check.status === 'error' ? -1 : 1));
  return ordered.flatMap(({ where, check }) => {
    const head = `${check.name} on ${where.join(', ')}${check.ignored === true ? ' (ignored)' : ''}: ${check.message}`;
    const symbol = paint(SYMBOL[check.status], check.status, options.color);
    const lines = wrap(head, options.width, '    ', `  ${symbol} `);
    if (check.fix !== undefined) lines.push(...wrap(`fix: ${check.fix}`, options.width, '         ', '    '));
    return lines;
  });
}
