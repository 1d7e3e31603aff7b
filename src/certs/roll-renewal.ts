import { DAEMONS } from '../bootstrap/daemons.ts';
import type { DaemonName } from '../bootstrap/daemons.ts';
import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import { HostsFailedError } from '../workflow/hosts-failed-error.ts';
import { unitsOfRow } from './cert-units.ts';
import type { DaemonRestarter, RestartOutcome } from './daemon-restarter.ts';
import type { PkiFile, PkiItem } from './pki.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';

const STAGED = '.kit-renew';

export interface HostRenewal {
  readonly host: string;
  readonly paths: readonly string[];
  readonly restarts: readonly RestartOutcome[];
}

export interface RollOptions {
  readonly spec: PkiClusterSpec;
  /** Connected hosts by node name; every host an item names must be here. */
  readonly hosts: ReadonlyMap<string, Host>;
  readonly items: readonly PkiItem[];
  readonly restarter: DaemonRestarter;
  /** Workers renewed at once (control planes are always one at a time). Default 5. */
  readonly workerConcurrency?: number;
  readonly signal?: AbortSignal;
  readonly log?: (message: string, host?: string) => void;
}

/**
 * Puts the new files in place and restarts the daemons that read them: control planes one at
 * a time, each healthy before the next (the others keep etcd's quorum and serve the API), then
 * the workers. Stops at the first control plane that does not come back; the rest keep their
 * old, still valid certificates.
 */
export async function rollRenewal(options: RollOptions): Promise<HostRenewal[]> {
  const done: HostRenewal[] = [];
  const touched = (name: string): boolean => options.items.some((item) => item.files.some((file) => file.hosts.includes(name)));
  for (const node of options.spec.controlPlanes.filter((candidate) => touched(candidate.name))) {
    try {
      done.push(await renewHost(node.name, options));
    } catch (error) {
      const finished = done.map((entry) => entry.host).join(', ') || 'none';
      throw new HostsFailedError('certificate renewal', [{ host: node.name, error }], `Control planes already renewed: ${finished}. The others still run on their old certificates; fix ${node.name} and re-run \`kit certs renew\`.`);
    }
  }
  const workers = options.spec.workers.filter((candidate) => touched(candidate.name));
  const { results, failures } = await fanOut(workers, (node) => node.name, (node) => renewHost(node.name, options), {
    concurrency: options.workerConcurrency ?? 5,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  done.push(...workers.flatMap((node) => results.get(node) ?? []));
  if (failures.length > 0) throw new HostsFailedError('certificate renewal', failures);
  return done;
}

async function renewHost(name: string, options: RollOptions): Promise<HostRenewal> {
  const host = options.hosts.get(name);
  if (host === undefined) throw new Error(`internal: host ${name} is not connected`);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const mine = options.items.filter((item) => item.files.some((file) => file.hosts.includes(name)));
  const files = mine.flatMap((item) => item.files.filter((file) => file.hosts.includes(name)));
  await swapInFiles(host, files, options.signal);
  options.log?.(`${files.length} file(s) replaced: ${files.map((file) => file.path).join(', ')}`, name);
  const wanted = new Set<DaemonName>(mine.flatMap((item) => unitsOfRow(item.row.name)));
  const restarts: RestartOutcome[] = [];
  for (const daemon of DAEMONS.filter((candidate) => wanted.has(candidate))) {
    const outcome = await options.restarter.restart({ host, daemon, ...signal });
    options.log?.(outcome.action === 'restarted' ? `${daemon} restarted, healthy after ${outcome.healthyAfterMs ?? 0} ms` : `${daemon} not running here: not restarted`, name);
    restarts.push(outcome);
  }
  return { host: name, paths: files.map((file) => file.path), restarts };
}

/**
 * Every file is first written beside its target (atomically, with its final mode), then all
 * are renamed over the old ones by one command: a daemon never sees a new certificate
 * without its new key for longer than two renames take.
 */
async function swapInFiles(host: Host, files: readonly PkiFile[], signal: AbortSignal | undefined): Promise<void> {
  for (const file of files) {
    await host.upload(file.content, `${file.path}${STAGED}`, { mode: file.mode, owner: 'root:root', ...(signal === undefined ? {} : { signal }) });
  }
  const script = `for p in "$@"; do mv -f "$p${STAGED}" "$p" || exit 1; done`;
  await host.exec(['sh', '-c', script, 'kit-swap', ...files.map((file) => file.path)], signal === undefined ? {} : { signal });
}
