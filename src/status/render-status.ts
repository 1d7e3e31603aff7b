import type { Findings } from './status-findings.ts';
import { formatResidual } from './status-findings.ts';
import type { ClusterStatus, HostStatus } from './status-types.ts';

export interface RenderStatusOptions {
  /** Wraps a line that says something is down (red on a terminal). */
  readonly down?: (text: string) => string;
  /** Wraps a warning line (yellow on a terminal). */
  readonly warn?: (text: string) => string;
}

const HEADER = ['HOST', 'ROLES', 'SSH', 'UNITS', 'NODE', 'KUBELET', 'POD CIDR', 'ETCD', 'CERTS (soonest)'];

/** One row per host, then what is down and what warns: a cluster at a glance. */
export function renderStatus(status: ClusterStatus, findings: Findings, options: RenderStatusOptions = {}): string {
  const down = options.down ?? ((text: string) => text);
  const warn = options.warn ?? ((text: string) => text);
  const reachable = status.hosts.filter((host) => host.reachable).length;
  const ready = status.hosts.filter((host) => host.node?.ready === true).length;
  const summary = `cluster ${status.cluster} (${status.kubernetesVersion}): ${reachable}/${status.hosts.length} hosts reachable, ${ready}/${status.hosts.length} nodes Ready`
    + `${status.reads.apiFrom === undefined ? '' : `; API read on ${status.reads.apiFrom}`}${status.reads.etcdFrom === undefined ? '' : `, etcd on ${status.reads.etcdFrom}`}`;
  const lines = [summary, ...table([HEADER, ...status.hosts.map(row)])];
  if (findings.down.length > 0) lines.push(down(`down (${findings.down.length}):`), ...findings.down.map((finding) => down(`  ${prefix(finding.host)}${finding.text}`)));
  if (findings.warnings.length > 0) lines.push(warn(`warnings (${findings.warnings.length}):`), ...findings.warnings.map((finding) => warn(`  ${prefix(finding.host)}${finding.text}`)));
  if (findings.down.length === 0) lines.push(`all ${status.hosts.length} hosts up${findings.warnings.length === 0 ? '' : ' (see the warnings)'}`);
  return `${lines.join('\n')}\n`;
}

function row(host: HostStatus): string[] {
  const up = host.units.filter((unit) => unit.up).length;
  const units = host.reachable && host.error === undefined ? `${up}/${host.units.length} up` : host.reachable ? 'error' : '-';
  const node = host.node === undefined ? '-' : host.node.ready ? 'Ready' : 'NotReady';
  const etcd = !host.roles.includes('control-plane') ? '' : host.etcd === undefined ? '?' : !host.etcd.member ? 'absent' : host.etcd.started ? 'member' : 'unstarted';
  return [host.name, host.roles.join(','), host.reachable ? 'ok' : 'DOWN', units, node, host.node?.kubeletVersion || '-', host.node?.podCidr ?? '-', etcd || '-', certs(host)];
}

function certs(host: HostStatus): string {
  const soonest = host.certs?.soonest;
  if (soonest?.residualSeconds === undefined) return '-';
  return `${formatResidual(soonest.residualSeconds)} ${soonest.id}`;
}

function prefix(host: string | undefined): string {
  return host === undefined ? '' : `${host}: `;
}

/** Columns padded to their widest cell; the last one is not padded. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((acc, cells) => cells.map((cell, index) => Math.max(acc[index] ?? 0, cell.length)), []);
  return rows.map((cells) => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ').trimEnd());
}
