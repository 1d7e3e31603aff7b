import type { CertExpiry, ExpiryReport } from './expiry-report.ts';

export interface ExpiryTableOptions {
  /** Wraps a highlighted line (ANSI colour on a terminal); default: unchanged, the `!` column still marks it. */
  readonly highlight?: (line: string, entry: CertExpiry) => string;
}

const HEADERS = ['', 'CERTIFICATE', 'EXPIRES', 'RESIDUAL', 'AUTHORITY', 'EXTERNALLY MANAGED', 'STATUS'] as const;

/** `check-expiration` as text: one table per host, kubeadm's columns plus the status. */
export function renderExpiryTable(report: ExpiryReport, options: ExpiryTableOptions = {}): string {
  const hosts = [...new Set(report.certificates.map((entry) => entry.host))];
  const blocks = hosts.map((host) => {
    const entries = report.certificates.filter((entry) => entry.host === host);
    const rows = entries.map((entry) => cells(entry));
    const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)));
    const line = (row: readonly string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
    const body = entries.map((entry, index) => {
      const text = line(rows[index] ?? []);
      return entry.warn && options.highlight !== undefined ? options.highlight(text, entry) : text;
    });
    return [`== ${host}`, line(HEADERS), ...body].join('\n');
  });
  const flagged = report.certificates.filter((entry) => entry.warn).length;
  const threshold = formatResidual(report.warnWithinSeconds);
  const summary = flagged === 0 ? `every certificate has more than ${threshold} left` : `${flagged} certificate(s) marked ! need attention (threshold ${threshold})`;
  return `${blocks.join('\n\n')}\n\n${summary}\n`;
}

function cells(entry: CertExpiry): string[] {
  const notAfter = entry.notAfter === undefined ? '-' : `${entry.notAfter.slice(0, 16).replace('T', ' ')} UTC`;
  const residual = entry.residualSeconds === undefined ? '-' : entry.residualSeconds <= 0 ? 'expired' : formatResidual(entry.residualSeconds);
  const status = entry.problem === undefined ? entry.status : `${entry.status}: ${entry.problem}`;
  const managed = entry.renewedBy === 'kubelet' ? 'kubelet' : entry.externallyManaged ? 'yes' : 'no';
  return [entry.warn ? '!' : '', entry.kind === 'ca' ? `${entry.name} (CA)` : entry.name, notAfter, residual, entry.issuer ?? '-', managed, status];
}

/** 364d, 47h, 1h59m, 12m, 30s: coarse where the exact figure no longer matters. */
export function formatResidual(seconds: number): string {
  if (seconds >= 2 * 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 10 * 3_600) return `${Math.floor(seconds / 3_600)}h`;
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)}h${Math.floor((seconds % 3_600) / 60)}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return `${Math.max(0, Math.floor(seconds))}s`;
}
