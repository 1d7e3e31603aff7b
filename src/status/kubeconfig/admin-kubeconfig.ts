import { Document, parse } from 'yaml';
import { KubeconfigMergeError } from './kubeconfig-merge-error.ts';

type Fields = Readonly<Record<string, unknown>>;

/** The three named entries kit puts into a kubeconfig for one cluster. */
export interface KubeconfigEntries {
  readonly cluster: { readonly name: string; readonly cluster: Fields };
  readonly user: { readonly name: string; readonly user: Fields };
  readonly context: { readonly name: string; readonly context: { readonly cluster: string; readonly user: string } };
}

/**
 * The names for a cluster: `NAME` for the cluster and the context (what `kubectl --context`
 * takes), `NAME-admin` for the user. kubeadm names every cluster `kubernetes`, which is why
 * admin.conf files from two clusters cannot be merged as they are.
 */
export function entryNames(clusterName: string): { cluster: string; user: string; context: string } {
  return { cluster: clusterName, user: `${clusterName}-admin`, context: clusterName };
}

/** admin.conf's current context, renamed for the cluster and pointed at `server`. */
export function adminEntries(adminConf: string, options: { readonly clusterName: string; readonly server: string; readonly source: string }): KubeconfigEntries {
  const config = parseConfig(adminConf, options.source);
  const contextName = config['current-context'];
  const context = field(named(config['contexts'], contextName), 'context');
  const cluster = field(named(config['clusters'], field(context, 'cluster')), 'cluster');
  const user = field(named(config['users'], field(context, 'user')), 'user');
  if (!isFields(cluster) || !isFields(user)) {
    throw new KubeconfigMergeError(`${options.source} has no usable current context (${String(contextName)}): no cluster or user entry for it`, 'The file on the control plane is damaged; `kit apply` writes it again.');
  }
  const names = entryNames(options.clusterName);
  return {
    cluster: { name: names.cluster, cluster: { ...cluster, server: options.server } },
    user: { name: names.user, user: user },
    context: { name: names.context, context: { cluster: names.cluster, user: names.user } },
  };
}

/** A kubeconfig holding only these entries, with their context current. */
export function renderEntries(entries: KubeconfigEntries): string {
  return new Document({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [entries.cluster],
    contexts: [entries.context],
    'current-context': entries.context.name,
    preferences: {},
    users: [entries.user],
  }).toString({ lineWidth: 0 });
}

/** Parses a kubeconfig's text; `source` names it in errors. Empty text is an empty config. */
export function parseConfig(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new KubeconfigMergeError(`${source} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`, 'Fix or move the file, or merge into another one: --merge PATH.');
  }
  if (value === null || value === undefined) return {};
  if (!isFields(value)) throw new KubeconfigMergeError(`${source} is not a kubeconfig (its top level is not a mapping)`, 'Fix or move the file, or merge into another one: --merge PATH.');
  return { ...value };
}

function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isFields(value) ? value[key] : undefined;
}

function named(list: unknown, name: unknown): unknown {
  return Array.isArray(list) ? list.find((entry) => field(entry, 'name') === name) : undefined;
}
