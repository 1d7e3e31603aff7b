import type { Host } from '../../host/host.ts';
import { changedFiles, parseSha256sum, sha256sumCommand } from '../../runtime/managed-file.ts';
import { DAEMONS, unitName } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import type { RenderedFile } from '../render/node-files.ts';
import { daemonChanges } from './daemon-changes.ts';
import type { DaemonChange } from './daemon-changes.ts';
import { isUnitFile } from './install-daemon-files.ts';
import { isStartedOrStarting, readUnitStates } from './unit-state.ts';

export interface NodePlan {
  readonly host: string;
  /** Files whose content differs or that are missing (mode-only differences are not listed). */
  readonly writes: readonly string[];
  readonly start: readonly DaemonName[];
  /** Restarts and reloads of running daemons, in the order convergeNode would do them. */
  readonly changes: readonly DaemonChange[];
}

/**
 * What convergeNode would do on this host, read without changing anything: for a phase's
 * plan and `--dry-run`. An empty plan (no writes, starts or changes) means the node is converged.
 */
export async function planNode(host: Host, files: readonly RenderedFile[], options: { readonly changedPaths?: readonly string[]; readonly freshDaemons?: readonly DaemonName[]; readonly signal?: AbortSignal } = {}): Promise<NodePlan> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const paths = files.map((file) => file.path);
  const sums = await host.exec(sha256sumCommand(paths), { allowedExitCodes: [0, 1], ...signal });
  const differing = changedFiles(files, parseSha256sum(sums.stdout, paths));
  const changed = await Promise.all(differing.map(async (file) => {
    if (file.daemon !== 'etcd' || !isUnitFile(file)) return { file };
    const previous = await host.download(file.path, signal);
    return previous === undefined ? { file } : { file, previous: previous.toString('utf8') };
  }));
  const daemons = DAEMONS.filter((daemon) => files.some((file) => file.daemon === daemon));
  const states = await readUnitStates(host, daemons.map(unitName), options.signal);
  const start = daemons.filter((daemon) => {
    const state = states.get(unitName(daemon));
    return state === undefined || !isStartedOrStarting(state);
  });
  const changes = daemonChanges({ changed, files, ...(options.changedPaths === undefined ? {} : { changedPaths: options.changedPaths }), ...(options.freshDaemons === undefined ? {} : { freshDaemons: options.freshDaemons }) })
    .filter((change) => !start.includes(change.daemon));
  return { host: host.name, writes: differing.map((file) => file.path), start, changes };
}

export function isEmptyPlan(plan: NodePlan): boolean {
  return plan.writes.length === 0 && plan.start.length === 0 && plan.changes.length === 0;
}
