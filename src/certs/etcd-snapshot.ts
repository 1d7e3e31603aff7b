import { etcdctlArgv, etcdLoopbackUrl } from '../bootstrap/etcd/etcdctl.ts';
import { DEFAULT_BIN_DIR } from '../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../host/host.ts';
import { HostsFailedError } from '../workflow/hosts-failed-error.ts';
import type { HostFailure } from '../workflow/hosts-failed-error.ts';

export const ETCD_BACKUP_DIR = '/var/lib/kit/backup';

export interface EtcdMember {
  readonly host: Host;
  /** The node's cluster address; only its family matters (etcd listens on that family's loopback). */
  readonly nodeIp: string;
}

export interface EtcdSnapshot {
  readonly host: string;
  readonly path: string;
  readonly bytes: number;
}

/**
 * etcdctl saves to a temporary name and the script renames it, so a file under its final name
 * is always a whole snapshot; the directory is 0700 and the file 0600 (it holds every Secret).
 */
const SCRIPT = [
  'set -e',
  'target=$1; shift',
  `mkdir -p -m 0700 ${ETCD_BACKUP_DIR}`,
  'umask 077',
  'ETCDCTL_API=3 "$@" "$target.part" >&2',
  'mv -f "$target.part" "$target"',
  'stat -c %s "$target"',
].join('\n');

/**
 * `etcdctl snapshot save` on the first member that manages it, over the member's loopback with
 * the healthcheck-client certificate; the snapshot stays on that member.
 */
export async function snapshotEtcd(members: readonly EtcdMember[], options: { now?: Date; binDir?: string; signal?: AbortSignal } = {}): Promise<EtcdSnapshot> {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/gu, '').replace(/\.\d+Z$/u, 'Z');
  const path = `${ETCD_BACKUP_DIR}/etcd-${stamp}.db`;
  const failures: HostFailure[] = [];
  for (const { host, nodeIp } of members) {
    const etcdctl = etcdctlArgv({ binDir: options.binDir ?? DEFAULT_BIN_DIR, endpoints: [etcdLoopbackUrl(nodeIp)], client: 'healthcheck', args: ['snapshot', 'save'], commandTimeoutSeconds: 120 });
    try {
      const result = await host.exec(['sh', '-c', SCRIPT, 'kit-etcd-snapshot', path, ...etcdctl], {
        timeoutMs: 180_000, displayAs: `etcdctl snapshot save ${path}`, ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return { host: host.name, path, bytes: Number(result.stdout.trim()) };
    } catch (error) {
      failures.push({ host: host.name, error });
    }
  }
  throw new HostsFailedError('etcd snapshot before renewal', failures, 'kit renews nothing without a fresh etcd snapshot. Check etcd on the control planes (`kit exec --role control-plane -- systemctl status etcd`) and re-run.');
}
