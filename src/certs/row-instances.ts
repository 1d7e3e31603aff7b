import { rowsForMinor } from './cert-list.ts';
import type { CertRow, HostSelector } from './cert-row.ts';
import { allNodes } from './pki-cluster-spec.ts';
import type { PkiClusterSpec, PkiNode } from './pki-cluster-spec.ts';

/** One concrete thing to hold: a cluster-wide row once, a per-node row once per receiving node. */
export interface RowInstance {
  readonly row: CertRow;
  /** Set for per-node rows: whose certificate this is. */
  readonly node?: PkiNode;
  /** Stable id for messages and maps: `apiserver@cp1`, `admin.conf`. */
  readonly id: string;
}

export function selectNodes(selector: HostSelector, spec: PkiClusterSpec): readonly PkiNode[] {
  switch (selector) {
    case 'all-nodes':
      return allNodes(spec);
    case 'control-planes':
      return spec.controlPlanes;
    case 'nodes-without-tls-bootstrap':
      return allNodes(spec).filter((node) => node.tlsBootstrap !== true);
  }
}

/** The nodes a row's main file goes to (a CA's certificate; its key goes to control planes only). */
export function receivingNodes(row: CertRow, spec: PkiClusterSpec): readonly PkiNode[] {
  return selectNodes(row.kind === 'ca' ? row.certHosts : row.hosts, spec);
}

export function instanceId(row: CertRow, node?: PkiNode): string {
  return node === undefined ? row.name : `${row.name}@${node.name}`;
}

/** Every instance the spec needs, CAs first, in CERT_LIST order. */
export function rowInstances(spec: PkiClusterSpec): readonly RowInstance[] {
  const instances: RowInstance[] = [];
  for (const row of rowsForMinor(spec.kubernetesMinor)) {
    const nodes = receivingNodes(row, spec);
    if (nodes.length === 0) continue;
    if (row.scope === 'cluster') {
      instances.push({ row, id: instanceId(row) });
      continue;
    }
    for (const node of nodes) instances.push({ row, node, id: instanceId(row, node) });
  }
  return instances;
}
