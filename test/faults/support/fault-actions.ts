import { setTimeout as sleep } from 'node:timers/promises';
import type { Rig } from '../../rig/rig.ts';
import { kubectl } from '../../e2e/support/cluster-probes.ts';

/**
 * The sshd processes serving logged-in root sessions on a host (`sshd: root [priv]`, `sshd:
 * root@notty`), by PID. The rig reaches hosts without SSH, so inside a host these are kit's.
 */
export async function sshdSessionPids(rig: Rig, host: string): Promise<number[]> {
  const listing = await rig.run(host, ['sh', '-c', 'ps -eo pid,args | grep "sshd: root" | grep -v grep || true']);
  return listing.stdout.split('\n').flatMap((line) => {
    const pid = /^\s*(\d+) sshd: root/u.exec(line)?.[1];
    return pid === undefined ? [] : [Number(pid)];
  });
}

/** Waits until kit holds an SSH session on the host, then kills its sshd processes one by one, by PID. */
export async function dropSshSessions(rig: Rig, host: string, timeoutMs = 60_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await sshdSessionPids(rig, host);
    if (pids.length > 0) {
      for (const pid of pids) await rig.run(host, ['kill', '-9', String(pid)], { allowFail: true });
      return pids;
    }
    if (Date.now() > deadline) throw new Error(`no sshd session of kit appeared on ${host} within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** The bootstrap tokens left in the cluster (`secret/bootstrap-token-…` names), empty when none. */
export async function bootstrapTokens(rig: Rig, via: string): Promise<string> {
  return kubectl(rig, via, 'get secrets -n kube-system --field-selector type=bootstrap.kubernetes.io/token -o name');
}

export function readyMap(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, 'True']));
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
