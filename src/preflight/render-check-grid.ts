import type { HostReport } from './preflight-report.ts';
import { padEnd, paint, SYMBOL } from './render-text.ts';
import type { RenderOptions } from './render-text.ts';

/** Header rows for host columns: index digits stacked, so any count below 1000 fits one character per column. */
export function indexHeader(count: number, cellWidth: number, lead: number): string[] {
  const digits = String(count).length;
  const rows: string[] = [];
  for (let place = digits - 1; place >= 0; place -= 1) {
    const cells = Array.from({ length: count }, (_, index) => {
      const text = String(index + 1);
      const digit = text.length > place ? (text[text.length - 1 - place] ?? ' ') : ' ';
      return digit.padStart(cellWidth);
    });
    rows.push(`${' '.repeat(lead)}${cells.join('')}`.trimEnd());
  }
  return rows;
}

/**
 * Check × host grid of status symbols (· where a check does not apply). Rows where every host
 * passed are folded into one count line, so the grid shows what needs attention.
 */
export function renderCheckGrid(hosts: readonly HostReport[], options: RenderOptions): string[] {
  const names: string[] = [];
  for (const host of hosts) for (const check of host.checks) if (!names.includes(check.name)) names.push(check.name);
  const attention = names.filter((name) => hosts.some((host) => host.checks.some((check) => check.name === name && check.status !== 'ok')));
  const passed = names.length - attention.length;
  const cellWidth = hosts.length * 2 + 24 <= options.width ? 2 : 1;
  if (hosts.length * cellWidth + 12 > options.width) return [`  (${hosts.length} hosts are too many columns for ${options.width}: see the problems below)`];
  const nameWidth = Math.min(Math.max(0, ...attention.map((name) => name.length)), options.width - 2 - hosts.length * cellWidth);
  const lines = attention.length === 0 ? [] : indexHeader(hosts.length, cellWidth, 2 + nameWidth);
  for (const name of attention) {
    const cells = hosts.map((host) => {
      const check = host.checks.find((candidate) => candidate.name === name);
      return check === undefined ? '·'.padStart(cellWidth) : paint(SYMBOL[check.status].padStart(cellWidth), check.status, options.color);
    });
    lines.push(`  ${padEnd(name, nameWidth)}${cells.join('')}`);
  }
  const plural = passed === 1 ? 'check' : 'checks';
  lines.push(attention.length === 0 ? `  All ${passed} ${plural} passed on every host` : `  ${passed} more ${plural} passed on every host`);
  return lines;
}
