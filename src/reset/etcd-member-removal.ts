import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandError } from '../errors/remote-command-error.ts';
import { listMembers, type EtcdAnchor } from '../bootstrap/etcd/etcd-membership.ts';
import { memberWithPeerUrl, type EtcdMember } from '../bootstrap/etcd/etcd-members.ts';
import { etcdctlArgv, etcdLoopbackUrl, etcdPeerUrl } from '../bootstrap/etcd/etcdctl.ts';
import { judgeMemberRemoval, type QuorumVerdict } from './etcd-quorum.ts';

export interface MemberRemovalCheck {
  /** The target's member, or undefined when it is not (or no longer) one. */
  readonly member?: EtcdMember;
  readonly verdict: QuorumVerdict;
}

function signalOf(anchor: EtcdAnchor): { signal?: AbortSignal } {
  return anchor.signal === undefined ? {} : { signal: anchor.signal };
}

/** Asks each started member's health from the anchor (over the network, as peers see it). */
async function healthy(anchor: EtcdAnchor, member: EtcdMember): Promise<boolean> {
  if (!member.started || member.clientUrls.length === 0) return false;
  const argv = etcdctlArgv({ binDir: anchor.cluster.binDir, endpoints: member.clientUrls, client: 'healthcheck', args: ['endpoint', 'health'], commandTimeoutSeconds: 5 });
  const result = await anchor.host.exec(argv, { allowedExitCodes: [0, 1], timeoutMs: 30_000, ...signalOf(anchor) });
  return result.exitCode === 0;
}

/** Finds the target's member (by its peer URL) and judges whether removing it keeps a quorum. */
export async function checkMemberRemoval(anchor: EtcdAnchor, targetIp: string): Promise<MemberRemovalCheck> {
  const members = await listMembers(anchor);
  const member = memberWithPeerUrl(members, etcdPeerUrl(targetIp));
  const health = await Promise.all(members.map((candidate) => healthy(anchor, candidate)));
  const verdict = judgeMemberRemoval(members.map((candidate, index) => ({ name: candidate.name || `member-${candidate.id}`, healthy: health[index] ?? false, target: candidate === member })));
  return { ...(member === undefined ? {} : { member }), verdict };
}

/**
 * etcd refuses a member change until its leader has been connected to every member for 5 s:
 * right after a member restarted, `member remove` fails this way and works a little later.
 */
const PREMATURE = /unhealthy cluster|not enough started members/u;

/** `etcdctl member remove`, through the anchor's own member; asks again while etcd calls it premature (60 s). */
export async function removeMember(anchor: EtcdAnchor, member: EtcdMember, retryForMs = 60_000): Promise<void> {
  const argv = etcdctlArgv({ binDir: anchor.cluster.binDir, endpoints: [etcdLoopbackUrl(anchor.nodeIp)], client: 'apiserver', args: ['member', 'remove', member.id] });
  const deadline = Date.now() + retryForMs;
  for (;;) {
    const result = await anchor.host.exec(argv, { timeoutMs: 60_000, allowedExitCodes: [0, 1], ...signalOf(anchor) });
    if (result.exitCode === 0) return;
    if (!PREMATURE.test(result.stderr) || Date.now() >= deadline) {
      throw new RemoteCommandError({ host: anchor.host.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr.split('\n').slice(-5).join('\n') },
        'Check the members with etcdctl member list and endpoint health on a control plane that stays; then run kit reset again.');
    }
    await sleep(2000, undefined, signalOf(anchor));
  }
}
