import type { ClusterStatus, HostStatus } from './status-types.ts';

/** One line of what `kit status` found wrong; `host` absent for the cluster as a whole. */
export interface Finding {
  readonly host?: string;
  readonly text: string;
}

export interface Findings {
  /** Something does not work now: the command exits non-zero. */
  readonly down: readonly Finding[];
  /** Works, but needs attention soon (a certificate running out, a unit that keeps restarting). */
  readonly warnings: readonly Finding[];
}

/** Sorts what the status shows into what is down and what only warns. */
export function statusFindings(status: ClusterStatus): Findings {
  const down: Finding[] = [];
  const warnings: Finding[] = [];
  const { reads } = status;
  if (reads.apiError !== undefined) down.push({ text: `no API server answered kubectl get nodes: ${reads.apiError}` });
  if (reads.etcdError !== undefined && status.hosts.some(isControlPlane)) down.push({ text: `no etcd member answered: ${reads.etcdError}` });
  for (const member of reads.unknownMembers) warnings.push({ text: `etcd member ${member} belongs to no control plane in the inventory` });
  for (const node of reads.unknownNodes) warnings.push({ text: `Node ${node} is not in the inventory` });
  for (const host of status.hosts) {
    const sorted = hostFindings(host, { apiRead: reads.apiError === undefined, etcdRead: reads.etcdError === undefined });
    down.push(...sorted.down.map((text) => ({ host: host.name, text })));
    warnings.push(...sorted.warnings.map((text) => ({ host: host.name, text })));
  }
  return { down, warnings };
}

function hostFindings(host: HostStatus, reads: { apiRead: boolean; etcdRead: boolean }): { down: string[]; warnings: string[] } {
  const down: string[] = [];
  const warnings: string[] = [];
  // SSH errors start with the host's name, which the finding already shows.
  if (!host.reachable) down.push(`unreachable over SSH: ${(host.error ?? 'unknown error').replace(`${host.name}: `, '')}`);
  else if (host.error !== undefined) down.push(host.error);
  for (const unit of host.units) {
    if (unit.state === 'missing') down.push(`${unit.name} is not installed`);
    else if (unit.state !== 'active') down.push(`${unit.name} is ${unit.state} (${unit.subState})`);
    else if (unit.health === 'fail') down.push(`${unit.name} is active but its health check fails: ${unit.healthDetail ?? ''}`);
    if (unit.restarts > 0) warnings.push(`${unit.name} was restarted ${unit.restarts} time(s) by systemd after exiting`);
  }
  if (reads.apiRead && host.node === undefined) down.push('no Node object: the kubelet has not registered (not joined yet?)');
  if (host.node !== undefined && !host.node.ready) down.push(`Node not Ready: ${host.node.why}`);
  if (isControlPlane(host) && reads.etcdRead) {
    if (host.etcd?.member !== true) down.push('not an etcd member');
    else if (!host.etcd.started) down.push('etcd member added but never started');
  }
  for (const cert of host.certs?.attention ?? []) {
    const text = `certificate ${cert.id} is ${cert.status}${cert.residualSeconds === undefined ? '' : ` (${formatResidual(cert.residualSeconds)} left)`}${cert.problem === undefined ? '' : `: ${cert.problem}`}`;
    (cert.status === 'expired' ? down : warnings).push(text);
  }
  if ((host.certs?.missing ?? 0) > 0) warnings.push(`${host.certs?.missing ?? 0} certificate(s) kit expects here are missing (kit certs check-expiration lists them)`);
  return { down, warnings };
}

function isControlPlane(host: HostStatus): boolean {
  return host.roles.includes('control-plane');
}

/** `364d`, `5h`, `12m`, `expired`: the one unit that matters at a glance. */
export function formatResidual(seconds: number): string {
  if (seconds <= 0) return 'expired';
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.max(1, Math.floor(seconds / 60))}m`;
}
