import type { ClusterSpec, NodeRole } from '../bootstrap/spec/cluster-spec.ts';
import { checkExpiration, DEFAULT_WARN_WITHIN_SECONDS } from '../certs/check-expiration.ts';
import type { PkiClusterSpec } from '../certs/pki-cluster-spec.ts';
import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import type { FanOutResult } from '../workflow/fan-out.ts';
import { summarizeCerts } from './cert-summary.ts';
import { readApiNodes, readEtcdMembers } from './cluster-reads.ts';
import type { ApiRead, ControlPlaneCandidate, EtcdRead } from './cluster-reads.ts';
import { expectedUnits } from './expected-units.ts';
import { readHostUnits } from './host-units.ts';
import type { CertSummary, ClusterReads, ClusterStatus, EtcdView, HostStatus, NodeView, UnitStatus } from './status-types.ts';

export interface StatusHost {
  readonly name: string;
  /** Where SSH connects; shown for unreachable hosts. */
  readonly address: string;
  /** The internal address: where its daemons listen. */
  readonly ip: string;
  readonly roles: readonly NodeRole[];
}

export interface CollectStatusOptions {
  readonly cluster: ClusterSpec;
  readonly pki: PkiClusterSpec;
  readonly hosts: readonly StatusHost[];
  /** kit's own overlay runs on every host (network.plugin vxlan). */
  readonly overlay: boolean;
  /** Opens the connection; a rejection makes the host an unreachable row, not a failure. */
  readonly connect: (host: StatusHost) => Promise<Host>;
  readonly warnWithinSeconds?: number;
  readonly now?: Date;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
}

interface Reached {
  readonly host: Host;
  readonly units?: readonly UnitStatus[];
  readonly error?: string;
}

/**
 * Everything `kit status` shows, read in three rounds: every host at once (SSH, units,
 * health probes), then the cluster-wide reads through a control plane (Nodes, etcd members)
 * beside the certificates of every reachable host. Nothing is changed anywhere.
 */
export async function collectStatus(options: CollectStatusOptions): Promise<ClusterStatus> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const { results, failures } = await reachHosts(options);
  const reached = options.hosts.flatMap((spec) => {
    const entry = results.get(spec);
    return entry === undefined ? [] : [{ spec, ...entry }];
  });
  const candidates: ControlPlaneCandidate[] = reached.filter((entry) => entry.spec.roles.includes('control-plane')).map((entry) => ({
    host: entry.host, ip: entry.spec.ip, apiUp: isUp(entry.units, 'kube-apiserver'), etcdUp: isUp(entry.units, 'etcd'),
  }));
  const warnWithinSeconds = options.warnWithinSeconds ?? DEFAULT_WARN_WITHIN_SECONDS;
  const now = options.now ?? new Date();
  const [api, etcd, expiry] = await Promise.all([
    readApiNodes(options.cluster, candidates, options.signal),
    readEtcdMembers(options.cluster, candidates, options.signal),
    checkExpiration({ spec: options.pki, hosts: reached.map((entry) => entry.host), warnWithinSeconds, now, concurrency: options.concurrency, ...signal }),
  ]);
  const certs = summarizeCerts(expiry.report);
  const certErrors = new Map(expiry.failures.map((failure) => [failure.host, `reading certificates: ${messageOf(failure.error)}`]));
  const hosts = options.hosts.map((spec) => hostStatus(spec, {
    reached: results.get(spec),
    connectError: failures.find((failure) => failure.host === spec.name)?.error,
    node: api.nodes.get(spec.name),
    etcd: etcd.members.get(spec.name),
    certs: certs.get(spec.name),
    certError: certErrors.get(spec.name),
  }));
  return {
    cluster: options.cluster.name,
    kubernetesVersion: options.cluster.version.version,
    checkedAt: now.toISOString(),
    warnWithinSeconds,
    hosts,
    reads: clusterReads(api, etcd, new Set(options.hosts.map((host) => host.name))),
  };
}

function clusterReads(api: ApiRead, etcd: EtcdRead, known: ReadonlySet<string>): ClusterReads {
  return {
    ...(api.from === undefined ? {} : { apiFrom: api.from }),
    ...(api.error === undefined ? {} : { apiError: api.error }),
    ...(etcd.from === undefined ? {} : { etcdFrom: etcd.from }),
    ...(etcd.error === undefined ? {} : { etcdError: etcd.error }),
    unknownMembers: etcd.unknownMembers,
    unknownNodes: [...api.nodes.keys()].filter((name) => !known.has(name)),
  };
}

/** Round one, every host at once: connect, then its units and their health. */
function reachHosts(options: CollectStatusOptions): Promise<FanOutResult<StatusHost, Reached>> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  return fanOut(options.hosts, (host) => host.name, async (spec): Promise<Reached> => {
    const host = await options.connect(spec);
    const units = expectedUnits({ cluster: options.cluster, controlPlane: spec.roles.includes('control-plane'), overlay: options.overlay });
    try {
      return { host, units: await readHostUnits({ host, cluster: options.cluster, ip: spec.ip, roles: spec.roles, units, ...signal }) };
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      return { host, error: `reading units: ${messageOf(error)}` };
    }
  }, { concurrency: options.concurrency, ...signal });
}

interface Found {
  readonly reached: Reached | undefined;
  readonly connectError: unknown;
  readonly node: NodeView | undefined;
  readonly etcd: EtcdView | undefined;
  readonly certs: CertSummary | undefined;
  readonly certError: string | undefined;
}

function hostStatus(spec: StatusHost, found: Found): HostStatus {
  // The API's and etcd's view of a host stays useful when SSH to it fails (a stopped control plane).
  const base = {
    name: spec.name, roles: spec.roles, address: spec.address,
    ...(found.node === undefined ? {} : { node: found.node }),
    ...(found.etcd === undefined ? {} : { etcd: found.etcd }),
  };
  if (found.reached === undefined) return { ...base, reachable: false, error: messageOf(found.connectError), units: [] };
  const error = [found.reached.error, found.certError].filter((text) => text !== undefined).join('; ');
  return {
    ...base, reachable: true, units: found.reached.units ?? [],
    ...(error === '' ? {} : { error }),
    ...(found.certs === undefined ? {} : { certs: found.certs }),
  };
}

function isUp(units: readonly UnitStatus[] | undefined, name: string): boolean {
  return units?.find((unit) => unit.name === name)?.up === true;
}

function messageOf(error: unknown): string {
  if (error === undefined) return 'unknown error';
  return error instanceof Error ? error.message : String(error);
}
