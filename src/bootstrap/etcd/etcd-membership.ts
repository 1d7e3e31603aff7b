import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandError } from '../../errors/remote-command-error.ts';
import type { Host } from '../../host/host.ts';
import type { ClusterSpec, ControlPlaneMember } from '../spec/cluster-spec.ts';
import { etcdctlArgv, etcdLoopbackUrl, etcdPeerUrl } from './etcdctl.ts';
import { parseMemberList } from './etcd-members.ts';
import type { EtcdMember } from './etcd-members.ts';

/** Where etcdctl runs: on an existing member, talking to it over loopback. */
export interface EtcdAnchor {
  readonly cluster: ClusterSpec;
  readonly host: Host;
  /** The node's address: picks the loopback of its family. */
  readonly nodeIp: string;
  readonly signal?: AbortSignal;
}

/** The member list as seen by the anchor's member. */
export async function listMembers(anchor: EtcdAnchor): Promise<EtcdMember[]> {
  const argv = etcdctlArgv({ binDir: anchor.cluster.binDir, endpoints: [etcdLoopbackUrl(anchor.nodeIp)], client: 'healthcheck', args: ['member', 'list', '--write-out=simple'] });
  const result = await anchor.host.exec(argv, anchor.signal === undefined ? {} : { signal: anchor.signal });
  return parseMemberList(result.stdout);
}

export interface AddMemberOptions {
  /** Keep asking while etcd refuses the change as premature. Default 60 s. */
  readonly retryForMs?: number;
  readonly retryIntervalMs?: number;
}

/**
 * etcd refuses a member change until its leader has been connected to every member for 5 s
 * (and to a majority of started ones): right after a member joined, the next `member add`
 * fails this way and succeeds a few seconds later.
 */
const PREMATURE = /unhealthy cluster|not enough started members|re-configuration failed due to not enough started members/u;

/**
 * Announces a new member. The cluster counts it in its quorum from now on, so the caller must
 * start it right away (a one-member cluster has no quorum until the second one runs).
 */
export async function addMember(anchor: EtcdAnchor, member: { readonly name: string; readonly peerUrl: string }, options: AddMemberOptions = {}): Promise<void> {
  const argv = etcdctlArgv({
    binDir: anchor.cluster.binDir, endpoints: [etcdLoopbackUrl(anchor.nodeIp)], client: 'apiserver',
    args: ['member', 'add', member.name, `--peer-urls=${member.peerUrl}`],
  });
  const deadline = Date.now() + (options.retryForMs ?? 60_000);
  const signal = anchor.signal === undefined ? {} : { signal: anchor.signal };
  for (;;) {
    const result = await anchor.host.exec(argv, { allowedExitCodes: [0, 1], ...signal });
    if (result.exitCode === 0) return;
    if (!PREMATURE.test(result.stderr) || Date.now() >= deadline) {
      throw new RemoteCommandError({ host: anchor.host.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr.split('\n').slice(-5).join('\n') },
        'Check the members with etcdctl member list and endpoint health on the control planes; every started member must be reachable on port 2380.');
    }
    await sleep(options.retryIntervalMs ?? 2000, undefined, signal);
  }
}

/**
 * `--initial-cluster` for a member joining now: every current member (the cluster checks the
 * list matches its own), named as the inventory names it; a member kit does not know keeps
 * its etcd name, or `member-<id>` while it has not started.
 */
export function membersAsInitialCluster(members: readonly EtcdMember[], known: readonly ControlPlaneMember[]): ControlPlaneMember[] {
  return members.flatMap((member) => member.peerUrls.map((url) => {
    const match = known.find((candidate) => etcdPeerUrl(candidate.ip) === url);
    if (match !== undefined) return match;
    return { name: member.name === '' ? `member-${member.id}` : member.name, ip: new URL(url).hostname.replace(/^\[(.*)\]$/u, '$1') };
  }));
}
