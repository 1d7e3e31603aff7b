import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import type { HostFailure } from '../workflow/hosts-failed-error.ts';
import { expiryReadRequest, expiryReport } from './expiry-report.ts';
import type { ExpiryReport } from './expiry-report.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { readRemoteFiles } from './remote-files.ts';
import type { RemoteFiles } from './remote-files.ts';

export const DEFAULT_WARN_WITHIN_SECONDS = 30 * 24 * 60 * 60;

export interface CheckExpirationOptions {
  readonly spec: PkiClusterSpec;
  /** The hosts to read, named as the spec's nodes; the report keeps their order. */
  readonly hosts: readonly Host[];
  readonly warnWithinSeconds?: number;
  readonly now?: Date;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

export interface ExpirationCheck {
  readonly report: ExpiryReport;
  /** Hosts that could not be read: the report covers the others. */
  readonly failures: readonly HostFailure[];
}

/**
 * Reads every certificate from the hosts themselves (one command per host; CA keys are only
 * tested for existence, never copied) and reports each one's expiry and issuer.
 */
export async function checkExpiration(options: CheckExpirationOptions): Promise<ExpirationCheck> {
  const request = expiryReadRequest(options.spec);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const { results, failures } = await fanOut(options.hosts, (host) => host.name, (host) => readRemoteFiles(host, request, signal), {
    concurrency: options.concurrency ?? 10,
    ...signal,
  });
  const onHosts = new Map<string, RemoteFiles>();
  for (const host of options.hosts) {
    const files = results.get(host);
    if (files !== undefined) onHosts.set(host.name, files);
  }
  const report = expiryReport({
    spec: options.spec,
    onHosts,
    now: options.now ?? new Date(),
    warnWithinSeconds: options.warnWithinSeconds ?? DEFAULT_WARN_WITHIN_SECONDS,
  });
  return { report, failures };
}
