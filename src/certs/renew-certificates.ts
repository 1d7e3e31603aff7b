import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import { HostsFailedError } from '../workflow/hosts-failed-error.ts';
import { parseCertificate } from './cert-inspect.ts';
import type { DaemonRestarter } from './daemon-restarter.ts';
import { snapshotEtcd } from './etcd-snapshot.ts';
import type { EtcdSnapshot } from './etcd-snapshot.ts';
import { issueRenewal, renewReadRequest } from './issue-renewal.ts';
import { parseKubeconfig } from './kubeconfig.ts';
import type { PkiItem } from './pki.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { planRenewal } from './renew-plan.ts';
import type { HeldCert, RenewalPlan } from './renew-plan.ts';
import { resolveRenewTargets } from './renew-targets.ts';
import { readRemoteFiles } from './remote-files.ts';
import { rollRenewal } from './roll-renewal.ts';
import type { HostRenewal } from './roll-renewal.ts';

export interface RenewCertificatesOptions {
  readonly spec: PkiClusterSpec;
  /** Connected hosts, named as the spec's nodes: every host that holds a named certificate. */
  readonly hosts: readonly Host[];
  /** `all`, row names, or `row@node` ids. */
  readonly names: readonly string[];
  /** Replace certificates another CA signed instead of refusing. */
  readonly force?: boolean;
  /** Read and plan only: nothing is issued, snapshotted, written or restarted. */
  readonly dryRun?: boolean;
  /** Restarts what reads the new files, each healthy before the next: `bootstrapRestarter(...)`. */
  readonly restarter: DaemonRestarter;
  /** Where etcdctl is on the control planes (the cluster's binDir). Default /usr/local/bin. */
  readonly binDir?: string;
  readonly now?: Date;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly log?: (message: string, host?: string) => void;
}

export interface RenewedCertificate {
  readonly id: string;
  readonly hosts: readonly string[];
  readonly previous: readonly HeldCert[];
  readonly changes: readonly string[];
  /** Set once issued (not on a dry run). */
  readonly notAfter?: string;
  readonly serial?: string;
}

export interface RenewalResult {
  readonly dryRun: boolean;
  readonly certificates: readonly RenewedCertificate[];
  readonly snapshot?: EtcdSnapshot;
  readonly hosts: readonly HostRenewal[];
}

/**
 * `kit certs renew`: reads what the hosts hold (the CA keys from the first control plane, into
 * memory only), re-issues the named leaves from the existing CAs, snapshots etcd, then rolls the
 * new files out and restarts what reads them, one control plane at a time.
 */
export async function renewCertificates(options: RenewCertificatesOptions): Promise<RenewalResult> {
  const { spec } = options;
  const targets = resolveRenewTargets(options.names, spec);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const byName = new Map(options.hosts.map((host) => [host.name, host]));
  const { results, failures } = await fanOut(options.hosts, (host) => host.name, (host) => readRemoteFiles(host, renewReadRequest(spec, targets, host.name), signal), {
    concurrency: options.concurrency ?? 10,
    ...signal,
  });
  if (failures.length > 0) throw new HostsFailedError('reading the PKI before renewal', failures, 'Nothing was changed. Make every host reachable and re-run.');
  const onHosts = new Map([...results].map(([host, read]) => [host.name, read.files]));
  const plan = planRenewal({ spec, targets, onHosts, force: options.force ?? false });
  const missing = [...new Set(plan.entries.flatMap((entry) => entry.hosts))].filter((name) => !byName.has(name));
  if (missing.length > 0) throw new Error(`internal: renewal needs host(s) ${missing.join(', ')}, which were not connected`);
  if (options.dryRun === true) return { dryRun: true, certificates: describe(plan, []), hosts: [] };
  const items = await issueRenewal(plan, { spec, ...(options.now === undefined ? {} : { now: options.now }) });
  const members = spec.controlPlanes.flatMap((node) => {
    const host = byName.get(node.name);
    return host === undefined ? [] : [{ host, nodeIp: node.internalAddress }];
  });
  const snapshot = await snapshotEtcd(members, { ...signal, ...(options.now === undefined ? {} : { now: options.now }), ...(options.binDir === undefined ? {} : { binDir: options.binDir }) });
  options.log?.(`etcd snapshot saved: ${snapshot.path} (${snapshot.bytes} bytes)`, snapshot.host);
  const hosts = await rollRenewal({
    spec, hosts: byName, items, restarter: options.restarter, ...signal,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { dryRun: false, certificates: describe(plan, items), snapshot, hosts };
}

function describe(plan: RenewalPlan, items: readonly PkiItem[]): RenewedCertificate[] {
  return plan.entries.map((entry) => {
    const item = items.find((candidate) => candidate.id === entry.target.id);
    const base = { id: entry.target.id, hosts: entry.hosts, previous: entry.held, changes: entry.changes };
    const first = item?.files[0];
    if (first === undefined) return base;
    const pem = item?.row.kind === 'kubeconfig' ? parseKubeconfig(first.content)?.clientCertPem : first.content;
    const cert = pem === undefined ? undefined : parseCertificate(pem);
    return cert === undefined ? base : { ...base, notAfter: cert.validToDate.toISOString(), serial: cert.serialNumber };
  });
}
