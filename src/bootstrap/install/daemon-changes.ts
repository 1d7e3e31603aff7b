import { DAEMONS } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import { CONFIG_FILES } from '../paths.ts';
import type { RenderedFile } from '../render/node-files.ts';
import type { ChangedFile } from './install-daemon-files.ts';
import { isUnitFile } from './install-daemon-files.ts';

/** `reload`: the daemon re-reads its config in place (haproxy, SIGUSR2); `restart`: a new process. */
export type DaemonAction = 'restart' | 'reload';

export interface DaemonChange {
  readonly daemon: DaemonName;
  readonly action: DaemonAction;
  /** The changed paths that call for it, for plans and logs. */
  readonly because: readonly string[];
}

export interface DaemonChangesInput {
  /** What installDaemonFiles rewrote. */
  readonly changed: readonly ChangedFile[];
  /**
   * Paths other steps changed on the host (certificates, kubeconfigs, binaries): each daemon
   * whose rendered unit or config names the path restarts.
   */
  readonly changedPaths?: readonly string[];
  /** Daemons started after changedPaths were written: they read the new files already. */
  readonly freshDaemons?: readonly DaemonName[];
  /** The node's rendered files: who reads what. */
  readonly files: readonly RenderedFile[];
}

/** etcd reads these only on its first start with an empty data dir. */
const ETCD_FIRST_START_FLAGS = ['initial-cluster', 'initial-cluster-state', 'initial-cluster-token'];

/**
 * Which daemons must restart (or reload) for the changes: only those whose own files changed,
 * in dependency order (etcd before the API server before its clients).
 */
export function daemonChanges(input: DaemonChangesInput): DaemonChange[] {
  const actions = new Map<DaemonName, { action: DaemonAction; because: string[] }>();
  const add = (daemon: DaemonName, action: DaemonAction, path: string): void => {
    const entry = actions.get(daemon) ?? { action, because: [] };
    if (action === 'restart') entry.action = 'restart';
    entry.because.push(path);
    actions.set(daemon, entry);
  };
  for (const change of input.changed) {
    const action = actionFor(change);
    if (action !== undefined) add(change.file.daemon, action, change.file.path);
  }
  for (const path of input.changedPaths ?? []) {
    for (const reader of filesNaming(path, input.files).filter((file) => !(input.freshDaemons ?? []).includes(file.daemon))) add(reader.daemon, actionFor({ file: reader }) ?? 'restart', path);
  }
  return DAEMONS.flatMap((daemon) => {
    const entry = actions.get(daemon);
    return entry === undefined ? [] : [{ daemon, action: entry.action, because: entry.because }];
  });
}

function actionFor(change: ChangedFile): DaemonAction | undefined {
  const { file } = change;
  if (file.daemon === 'kube-apiserver-lb' && file.path === CONFIG_FILES.haproxyConfig) return 'reload';
  if (file.daemon === 'etcd' && isUnitFile(file) && change.previous !== undefined && sameIgnoring(change.previous, file.content, ETCD_FIRST_START_FLAGS)) {
    return undefined;
  }
  return 'restart';
}

/**
 * The units and configs that mention the path as a whole path (not as a prefix of another):
 * a CA named only in haproxy.cfg needs a reload, a binary named in a unit a restart.
 */
export function filesNaming(path: string, files: readonly RenderedFile[]): RenderedFile[] {
  const pattern = new RegExp(`${escapeRegExp(path)}(?![\\w./-])`, 'u');
  return files.filter((file) => pattern.test(file.content));
}

/** The two unit texts are equal once the lines of these `--flag=` are dropped. */
export function sameIgnoring(a: string, b: string, flags: readonly string[]): boolean {
  const strip = (text: string): string => text
    .split('\n')
    .filter((line) => !flags.some((flag) => new RegExp(`^\\s*"?--${escapeRegExp(flag)}=`, 'u').test(line)))
    .map((line) => line.replace(/\s*\\$/u, ''))
    .join('\n');
  return strip(a) === strip(b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
