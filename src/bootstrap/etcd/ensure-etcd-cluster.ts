import type { Host } from '../../host/host.ts';
import type { Logger } from '../../workflow/logger.ts';
import { unitName, unitPath } from '../daemons.ts';
import { waitForDaemonsHealth } from '../health/wait-for-health.ts';
import { convergeNode } from '../install/converge-node.ts';
import { installDaemonFiles } from '../install/install-daemon-files.ts';
import { enableAndStart } from '../install/systemctl.ts';
import { renderEtcdUnit } from '../render/etcd-unit.ts';
import type { RenderedFile } from '../render/node-files.ts';
import type { ClusterSpec, ControlPlaneMember, NodeSpec } from '../spec/cluster-spec.ts';
import { readEtcdHostState } from './etcd-host-state.ts';
import type { EtcdHostState, EtcdStart } from './etcd-host-state.ts';
import { EtcdMembershipError } from './etcd-membership-error.ts';
import { addMember, listMembers, membersAsInitialCluster } from './etcd-membership.ts';
import type { AddMemberOptions, EtcdAnchor } from './etcd-membership.ts';
import { etcdPeerUrl } from './etcdctl.ts';
import { memberWithPeerUrl } from './etcd-members.ts';

export interface EtcdMemberHost {
  readonly host: Host;
  readonly node: NodeSpec;
}

export interface EnsureEtcdOptions {
  readonly cluster: ClusterSpec;
  /** Every control plane, in inventory order: the first one founds a new cluster. */
  readonly members: readonly EtcdMemberHost[];
  readonly healthTimeoutMs?: number;
  /** How long a `member add` etcd refuses as premature is retried. */
  readonly memberAddRetry?: AddMemberOptions;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/**
 * created: founded a new cluster; added: `member add`, then started; joined: had been added
 * (an interrupted run), started now; present: already a started member with data.
 */
export type EtcdMemberAction = 'created' | 'added' | 'joined' | 'present';

export interface EtcdMemberOutcome {
  readonly node: string;
  readonly action: EtcdMemberAction;
  /** Pass to renderNodeFiles as `etcd`, so the node's full render keeps this unit as it is. */
  readonly start: EtcdStart;
  /** From this member's step until its etcd answered `endpoint health`. */
  readonly healthyAfterMs: number;
}

/**
 * Makes every control plane a healthy etcd member, idempotently: the first control plane
 * founds the cluster when no host has etcd data; members with data are started if stopped and
 * kept as they are; every other control plane is added with `etcdctl member add` on an
 * existing member (skipped if it already is one) and started with `initial-cluster-state
 * existing`, one at a time, each healthy before the next. Data lives in /var/lib/etcd.
 */
export async function ensureEtcdCluster(options: EnsureEtcdOptions): Promise<EtcdMemberOutcome[]> {
  const first = options.members[0];
  if (first === undefined) throw new RangeError('etcd needs at least one control plane');
  const states = await Promise.all(options.members.map((member) => readEtcdHostState(member.host, options.signal)));
  const withData = options.members.filter((_, index) => states[index]?.hasData === true);
  const outcomes = new Map<string, EtcdMemberOutcome>();
  if (withData.length === 0) {
    const start: EtcdStart = { initialClusterState: 'new', initialMembers: [memberOf(first.node)] };
    outcomes.set(first.node.name, { node: first.node.name, action: 'created', start, healthyAfterMs: await startMember(options, first, start) });
  } else {
    const present = await bringUpMembersWithData(options, withData, states);
    for (const outcome of present) outcomes.set(outcome.node, outcome);
  }
  const anchor = withData[0] ?? first;
  for (const member of options.members) {
    if (outcomes.has(member.node.name)) continue;
    outcomes.set(member.node.name, await joinMember(options, anchor, member));
  }
  return options.members.map((member) => outcomes.get(member.node.name) ?? unreachable(member.node.name));
}

/** Starts the stopped ones all at once (a stopped majority only recovers together), then checks each is a started member. */
async function bringUpMembersWithData(options: EnsureEtcdOptions, withData: readonly EtcdMemberHost[], states: readonly EtcdHostState[]): Promise<EtcdMemberOutcome[]> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const began = Date.now();
  const starts = await Promise.all(withData.map(async (member) => {
    const state = states[options.members.indexOf(member)];
    const start = state?.start ?? { initialClusterState: 'new', initialMembers: options.cluster.controlPlanes };
    // Only a missing unit is written here; changes to a running member's unit wait for the rolling convergence.
    if (state?.start === undefined) await installDaemonFiles(member.host, [etcdUnitFile(options.cluster, member.node, start)], signal);
    await enableAndStart(member.host, [unitName('etcd')], signal);
    return start;
  }));
  await Promise.all(withData.map(async (member) => waitForDaemonsHealth(
    { host: member.host, cluster: options.cluster, node: member.node, hasKubectl: false },
    ['etcd'],
    { ...(options.healthTimeoutMs === undefined ? {} : { timeoutMs: options.healthTimeoutMs }), ...signal },
  )));
  const healthyAfterMs = Date.now() - began;
  const anchor = withData[0] ?? unreachable('a member with data');
  const members = await listMembers(anchorOf(options, anchor));
  return withData.map((member, index) => {
    const listed = memberWithPeerUrl(members, etcdPeerUrl(member.node.ip));
    if (listed === undefined) {
      throw new EtcdMembershipError(member.host.name, `has data in /var/lib/etcd but is not a member of the cluster ${anchor.host.name} belongs to (removed earlier?)`,
        `If its data is not needed: systemctl stop etcd; mv /var/lib/etcd /var/lib/etcd.old on ${member.host.name}, then re-run to add it afresh.`);
    }
    return { node: member.node.name, action: 'present', start: starts[index] ?? unreachable('start'), healthyAfterMs };
  });
}

async function joinMember(options: EnsureEtcdOptions, anchor: EtcdMemberHost, member: EtcdMemberHost): Promise<EtcdMemberOutcome> {
  const peerUrl = etcdPeerUrl(member.node.ip);
  const before = await listMembers(anchorOf(options, anchor));
  const listed = memberWithPeerUrl(before, peerUrl);
  if (listed?.started === true) {
    throw new EtcdMembershipError(member.host.name, `is a started member (${listed.id}) but its data dir /var/lib/etcd is empty: the member lost its data`,
      `On ${anchor.host.name}: etcdctl member remove ${listed.id} (with the etcd client certificates), then re-run to add ${member.host.name} afresh.`);
  }
  if (listed === undefined) await addMember(anchorOf(options, anchor), { name: member.node.name, peerUrl }, options.memberAddRetry);
  const after = await listMembers(anchorOf(options, anchor));
  const start: EtcdStart = { initialClusterState: 'existing', initialMembers: membersAsInitialCluster(after, options.cluster.controlPlanes) };
  const healthyAfterMs = await startMember(options, member, start);
  return { node: member.node.name, action: listed === undefined ? 'added' : 'joined', start, healthyAfterMs };
}

/** Writes the member's unit, starts etcd and waits for its health; returns how long that took. */
async function startMember(options: EnsureEtcdOptions, member: EtcdMemberHost, start: EtcdStart): Promise<number> {
  const began = Date.now();
  await convergeNode({
    cluster: options.cluster, node: member.node, host: member.host, files: [etcdUnitFile(options.cluster, member.node, start)], firstEtcdStart: true,
    ...(options.healthTimeoutMs === undefined ? {} : { healthTimeoutMs: options.healthTimeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return Date.now() - began;
}

function etcdUnitFile(cluster: ClusterSpec, node: NodeSpec, start: EtcdStart): RenderedFile {
  return { daemon: 'etcd', path: unitPath('etcd'), content: renderEtcdUnit({ cluster, node, ...start }), mode: 0o644 };
}

function anchorOf(options: EnsureEtcdOptions, member: EtcdMemberHost): EtcdAnchor {
  return { cluster: options.cluster, host: member.host, nodeIp: member.node.ip, ...(options.signal === undefined ? {} : { signal: options.signal }) };
}

function memberOf(node: NodeSpec): ControlPlaneMember {
  return { name: node.name, ip: node.ip };
}

function unreachable(what: string): never {
  throw new Error(`internal: ${what} missing`);
}
