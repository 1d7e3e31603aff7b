import { isDeepStrictEqual } from 'node:util';
import { Document } from 'yaml';
import type { KubeconfigEntries } from './admin-kubeconfig.ts';
import { parseConfig } from './admin-kubeconfig.ts';
import { KubeconfigMergeError } from './kubeconfig-merge-error.ts';

export type EntryAction = 'added' | 'unchanged' | 'replaced';

export interface EntryChange {
  readonly kind: 'cluster' | 'user' | 'context';
  readonly name: string;
  readonly action: EntryAction;
}

export interface MergeOptions {
  /** Where the file lives, for messages. */
  readonly path: string;
  /** Replace entries of the same name whose content differs, instead of refusing. */
  readonly force: boolean;
  /** Make the merged context current even when the file already has a current context. */
  readonly setCurrent: boolean;
}

export interface MergeResult {
  readonly text: string;
  /** False when the file already held exactly these entries (and the current context stays): nothing to write. */
  readonly changed: boolean;
  readonly changes: readonly EntryChange[];
  readonly currentContext: string | undefined;
}

const LISTS = [
  { kind: 'cluster', list: 'clusters' },
  { kind: 'user', list: 'users' },
  { kind: 'context', list: 'contexts' },
] as const;

/**
 * Adds the entries to a kubeconfig's text, keeping everything else in it. The current context
 * is only taken over when the file has none or `setCurrent` says so; an entry of the same name
 * with other content (another cluster, older credentials) is refused unless `force`.
 */
export function mergeKubeconfig(existing: string | undefined, entries: KubeconfigEntries, options: MergeOptions): MergeResult {
  const config = parseConfig(existing ?? '', options.path);
  const changes: EntryChange[] = [];
  for (const { kind, list } of LISTS) {
    const ours = entries[kind] as Readonly<Record<string, unknown>> & { name: string };
    const current = config[list] ?? [];
    if (!Array.isArray(current)) throw new KubeconfigMergeError(`${options.path}: ${list} is not a list`, 'Fix or move the file, or merge into another one: --merge PATH.');
    const index = current.findIndex((entry: unknown) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === ours.name);
    const action: EntryAction = index < 0 ? 'added' : isDeepStrictEqual(current[index], ours) ? 'unchanged' : 'replaced';
    changes.push({ kind, name: ours.name, action });
    config[list] = index < 0 ? [...current, ours] : current.map((entry: unknown, at) => (at === index ? ours : entry));
  }
  const conflicts = changes.filter((change) => change.action === 'replaced');
  if (conflicts.length > 0 && !options.force) {
    throw new KubeconfigMergeError(
      `${options.path} already has ${conflicts.map((change) => `${change.kind} "${change.name}"`).join(', ')} with different content`,
      'Re-run with --force to replace them (new credentials after `kit certs renew`, a rebuilt cluster), or merge into another file: --merge PATH.',
    );
  }
  const before = typeof config['current-context'] === 'string' && config['current-context'] !== '' ? config['current-context'] : undefined;
  const currentContext = options.setCurrent || before === undefined ? entries.context.name : before;
  config['current-context'] = currentContext;
  config['apiVersion'] ??= 'v1';
  config['kind'] ??= 'Config';
  const changed = changes.some((change) => change.action !== 'unchanged') || currentContext !== before;
  return { text: new Document(config).toString({ lineWidth: 0 }), changed, changes, currentContext };
}
