/** One etcd member as reset sees it: started, answering its health check, the one to go. */
export interface QuorumMember {
  readonly name: string;
  readonly healthy: boolean;
  readonly target: boolean;
}

export interface QuorumVerdict {
  readonly safe: boolean;
  /** What removing the member does to etcd, in words (said on refusal and under --force). */
  readonly consequence: string;
}

export function quorumOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

/**
 * Whether removing the target member leaves an etcd that still has a quorum of healthy
 * members. The change itself needs a quorum of the current members too.
 */
export function judgeMemberRemoval(members: readonly QuorumMember[]): QuorumVerdict {
  const target = members.find((member) => member.target);
  if (target === undefined) return { safe: true, consequence: 'the node is not an etcd member: nothing to remove' };
  const remaining = members.filter((member) => !member.target);
  if (remaining.length === 0) {
    return { safe: false, consequence: `${target.name} is the only etcd member: resetting it deletes the cluster's whole state (every object in the API) and leaves no API server for the other nodes` };
  }
  const healthyNow = members.filter((member) => member.healthy).length;
  if (healthyNow < quorumOf(members.length)) {
    return { safe: false, consequence: `etcd has lost its quorum already (${healthyNow} of ${members.length} members healthy, ${quorumOf(members.length)} needed): the member cannot be removed, and cleaning ${target.name} may destroy data the others need to recover` };
  }
  const healthyAfter = remaining.filter((member) => member.healthy).length;
  const needed = quorumOf(remaining.length);
  const summary = `${remaining.length} member(s) remain, ${healthyAfter} healthy, ${needed} needed for a quorum`;
  if (healthyAfter < needed) {
    return { safe: false, consequence: `after removing ${target.name}, ${summary}: etcd stops accepting writes and the API server stops working until ${needed - healthyAfter} more member(s) are healthy` };
  }
  return { safe: true, consequence: `remove etcd member ${target.name}: ${summary}` };
}
