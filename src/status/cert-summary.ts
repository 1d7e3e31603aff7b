import type { CertExpiry, ExpiryReport } from '../certs/expiry-report.ts';
import type { CertSummary } from './status-types.ts';

/** Per host: the certificate that runs out first, what is missing, and what needs attention. */
export function summarizeCerts(report: ExpiryReport): Map<string, CertSummary> {
  const byHost = new Map<string, CertExpiry[]>();
  for (const entry of report.certificates) byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), entry]);
  return new Map([...byHost].map(([host, entries]) => [host, summarize(entries)]));
}

function summarize(entries: readonly CertExpiry[]): CertSummary {
  const timed = entries.filter((entry) => entry.residualSeconds !== undefined);
  const soonest = timed.reduce<CertExpiry | undefined>((first, entry) => (first === undefined || (entry.residualSeconds ?? 0) < (first.residualSeconds ?? 0) ? entry : first), undefined);
  const attention = entries
    .filter((entry) => entry.status !== 'valid' && entry.status !== 'missing')
    .map((entry) => ({ id: entry.id, status: entry.status, ...pick(entry) }));
  return {
    ...(soonest === undefined ? {} : { soonest: { id: soonest.id, status: soonest.status, ...(soonest.notAfter === undefined ? {} : { notAfter: soonest.notAfter }), ...(soonest.residualSeconds === undefined ? {} : { residualSeconds: soonest.residualSeconds }) } }),
    missing: entries.filter((entry) => entry.status === 'missing').length,
    attention,
  };
}

function pick(entry: CertExpiry): { residualSeconds?: number; problem?: string } {
  return {
    ...(entry.residualSeconds === undefined ? {} : { residualSeconds: entry.residualSeconds }),
    ...(entry.problem === undefined ? {} : { problem: entry.problem }),
  };
}
