import { UsageError } from '../errors/usage-error.ts';
import { CERT_LIST, rowsForMinor } from './cert-list.ts';
import { isSignedRow } from './cert-row.ts';
import type { SignedRow } from './cert-row.ts';
import { KUBELET_CERTS } from './kubelet-certs.ts';
import type { PkiClusterSpec, PkiNode } from './pki-cluster-spec.ts';
import { rowInstances } from './row-instances.ts';

/** One certificate to re-issue: a cluster-wide row once, a per-node row for one node. */
export interface RenewTarget {
  readonly id: string;
  readonly row: SignedRow;
  readonly node?: PkiNode;
}

/**
 * `all`, row names (`etcd-server`: every node's) and instance ids (`etcd-server@cp2`) to the
 * certificates they name. Every unknown name is reported at once, with the valid names.
 */
export function resolveRenewTargets(names: readonly string[], spec: PkiClusterSpec): RenewTarget[] {
  const instances = rowInstances(spec).filter((instance): instance is RenewTarget => isSignedRow(instance.row));
  const valid = rowsForMinor(spec.kubernetesMinor).filter(isSignedRow).map((row) => row.name);
  if (names.length === 0) throw new UsageError('name the certificates to renew, or `all`', `Certificates: ${valid.join(', ')}`);
  if (names.includes('all')) return instances;
  const problems: string[] = [];
  const chosen = new Set<RenewTarget>();
  for (const name of names) {
    const [rowName = '', node] = name.split('@');
    const matches = instances.filter((instance) => instance.row.name === rowName && (node === undefined || instance.node?.name === node));
    if (matches.length === 0) problems.push(whyNot(name, rowName, node, valid));
    for (const match of matches) chosen.add(match);
  }
  if (problems.length > 0) {
    throw new UsageError(`cannot renew ${problems.join('; ')}`, `Certificates kit renews: all, ${valid.join(', ')} (NAME@node for one node's).`);
  }
  return instances.filter((instance) => chosen.has(instance));
}

function whyNot(name: string, rowName: string, node: string | undefined, valid: readonly string[]): string {
  const row = CERT_LIST.find((candidate) => candidate.name === rowName);
  if (row?.kind === 'ca') return `${name}: a CA; kit never replaces a CA (every certificate it signed would change)`;
  if (row?.kind === 'keypair') return `${name}: the service-account key pair has no certificate and does not expire`;
  if (KUBELET_CERTS.some((cert) => cert.name === rowName)) return `${name}: the kubelet rotates this certificate itself`;
  if (row === undefined) return `${name}: no such certificate`;
  if (!valid.includes(rowName)) return `${name}: not part of clusters of this Kubernetes minor`;
  return node === undefined ? `${name}: no host of this cluster holds one` : `${name}: ${node} holds no ${rowName}`;
}
