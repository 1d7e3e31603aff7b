import type { Host } from '../../host/host.ts';
import { unitPath } from '../daemons.ts';
import { STATE_DIRS } from '../paths.ts';
import type { EtcdUnitOptions } from '../render/etcd-unit.ts';
import type { ControlPlaneMember } from '../spec/cluster-spec.ts';

/** How a member's unit says it first started: what renderNodeFiles takes as `etcd`. */
export type EtcdStart = Pick<EtcdUnitOptions, 'initialClusterState' | 'initialMembers' | 'initialClusterToken'>;

export interface EtcdHostState {
  /** `<data dir>/member` exists: this host's etcd has started at least once. */
  readonly hasData: boolean;
  /** The `initial-*` flags of the unit on the host, when kit wrote one. */
  readonly start?: EtcdStart;
}

export async function readEtcdHostState(host: Host, signal?: AbortSignal): Promise<EtcdHostState> {
  const options = signal === undefined ? {} : { signal };
  const data = await host.exec(['test', '-d', `${STATE_DIRS.etcdData}/member`], { allowedExitCodes: [0, 1], ...options });
  const unit = await host.download(unitPath('etcd'), options);
  const start = unit === undefined ? undefined : parseEtcdStart(unit.toString('utf8'));
  return { hasData: data.exitCode === 0, ...(start === undefined ? {} : { start }) };
}

/**
 * Reads the `initial-*` flags back from a unit kit rendered (one `--flag=value` per line), so
 * a re-run renders a member's unit exactly as it is: etcd ignores these flags once it has
 * data, and rewriting them would only churn the file.
 */
export function parseEtcdStart(unit: string): EtcdStart | undefined {
  const flag = (name: string): string | undefined => {
    const match = new RegExp(`^\\s*"?--${name}=([^"\\s]*)"?\\s*\\\\?$`, 'mu').exec(unit);
    return match?.[1];
  };
  const state = flag('initial-cluster-state');
  const cluster = flag('initial-cluster');
  const token = flag('initial-cluster-token');
  if ((state !== 'new' && state !== 'existing') || cluster === undefined) return undefined;
  const members = parseInitialCluster(cluster);
  if (members === undefined) return undefined;
  return { initialClusterState: state, initialMembers: members, ...(token === undefined ? {} : { initialClusterToken: token }) };
}

/** `a=https://10.0.0.1:2380,b=https://[fd00::2]:2380` → members; undefined if any entry is malformed. */
export function parseInitialCluster(text: string): ControlPlaneMember[] | undefined {
  const members: ControlPlaneMember[] = [];
  for (const entry of text.split(',')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) return undefined;
    let url: URL;
    try {
      url = new URL(entry.slice(eq + 1));
    } catch {
      return undefined;
    }
    members.push({ name: entry.slice(0, eq), ip: url.hostname.replace(/^\[(.*)\]$/u, '$1') });
  }
  return members;
}
