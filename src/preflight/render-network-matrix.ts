import type { PairReport } from './pair-checks.ts';
import type { HostReport } from './preflight-report.ts';
import { worstStatus } from './preflight-report.ts';
import { indexHeader } from './render-check-grid.ts';
import { padEnd, paint, SYMBOL } from './render-text.ts';
import type { RenderOptions } from './render-text.ts';

/** Round trip in at most 4 characters: 0.12 → "0.1", 12.3 → "12", 2500 → "2.5k". */
export function formatLatency(ms: number): string {
  if (ms < 9.95) return ms.toFixed(1);
  if (ms < 999.5) return String(Math.round(ms));
  return `${(ms / 1000).toFixed(1)}k`;
}

/** Cell layouts from richest to leanest: symbol and latency, then the symbol alone. */
const LAYOUTS = [
  { width: 7, latency: true },
  { width: 6, latency: true },
  { width: 5, latency: true },
  { width: 2, latency: false },
  { width: 1, latency: false },
] as const;

function cell(pair: PairReport | undefined, layout: (typeof LAYOUTS)[number], color: boolean): string {
  if (pair === undefined) return '?'.padStart(layout.width);
  const status = worstStatus(pair.checks);
  const symbol = status === 'skipped' ? '?' : SYMBOL[status];
  const text = layout.latency && pair.latencyMs !== undefined ? `${symbol}${formatLatency(pair.latencyMs)}` : symbol;
  return paint(text.padStart(layout.width), status, color);
}

/**
 * Host × host matrix: row pinged and probed column. A cell shows the worst of the pair's checks
 * (✓ ! ✗) and, when there is room, the average ping in ms; `·` is the diagonal, `?` not measured.
 */
export function renderNetworkMatrix(hosts: readonly HostReport[], pairs: readonly PairReport[], options: RenderOptions): string[] {
  const indexWidth = String(hosts.length).length;
  const nameWidth = Math.min(12, Math.max(...hosts.map((host) => host.name.length)));
  const lead = 2 + indexWidth + 1 + nameWidth;
  const layout = LAYOUTS.find((candidate) => lead + hosts.length * candidate.width <= options.width);
  if (layout === undefined) return [`  (${hosts.length} hosts are too many columns for ${options.width}: see the problems below)`];
  const byPair = new Map(pairs.map((pair) => [`${pair.from}\u0000${pair.to}`, pair]));
  const lines = indexHeader(hosts.length, layout.width, lead);
  hosts.forEach((from, row) => {
    const cells = hosts.map((to, column) =>
      row === column ? '·'.padStart(layout.width) : cell(byPair.get(`${from.name}\u0000${to.name}`), layout, options.color),
    );
    lines.push(`  ${String(row + 1).padStart(indexWidth)} ${padEnd(from.name, nameWidth)}${cells.join('')}`);
  });
  if (!layout.latency) lines.push('  (no room for latencies at this width: they are in the JSON output)');
  return lines;
}
