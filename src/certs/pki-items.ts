import { certRequest, kubeconfigServer } from './cert-request.ts';
import type { CaRow, KeyPairRow, KubeconfigRow, LeafRow } from './cert-row.ts';
import { renderKubeconfig } from './kubeconfig.ts';
import { KEY_MODE, PUBLIC_MODE } from './pki.ts';
import type { PkiCa, PkiFile, PkiItem } from './pki.ts';
import type { PkiClusterSpec, PkiNode } from './pki-cluster-spec.ts';
import { receivingNodes, selectNodes } from './row-instances.ts';

const names = (nodes: readonly PkiNode[]): string[] => nodes.map((node) => node.name);

export function caItem(row: CaRow, ca: PkiCa, spec: PkiClusterSpec): PkiItem {
  const files: PkiFile[] = [{ path: row.certPath, content: ca.certPem, mode: PUBLIC_MODE, hosts: names(selectNodes(row.certHosts, spec)) }];
  if (ca.keyPem !== undefined) {
    files.push({ path: row.keyPath, content: ca.keyPem, mode: KEY_MODE, hosts: names(selectNodes(row.keyHosts, spec)) });
  }
  return { id: row.name, row, files };
}

export function keyPairItem(row: KeyPairRow, pems: { privateKeyPem: string; publicKeyPem: string }, spec: PkiClusterSpec): PkiItem {
  const hosts = names(selectNodes(row.hosts, spec));
  return {
    id: row.name,
    row,
    files: [
      { path: row.privateKeyPath, content: pems.privateKeyPem, mode: KEY_MODE, hosts },
      { path: row.publicKeyPath, content: pems.publicKeyPem, mode: PUBLIC_MODE, hosts },
    ],
  };
}

export interface SignedItemInput {
  readonly id: string;
  readonly node: PkiNode | undefined;
  readonly certPem: string;
  readonly keyPem: string;
  readonly spec: PkiClusterSpec;
}

export function leafItem(row: LeafRow, input: SignedItemInput): PkiItem {
  const hosts = input.node === undefined ? names(receivingNodes(row, input.spec)) : [input.node.name];
  return {
    id: input.id,
    row,
    ...(input.node === undefined ? {} : { node: input.node.name }),
    files: [
      { path: row.certPath, content: input.certPem, mode: PUBLIC_MODE, hosts },
      { path: row.keyPath, content: input.keyPem, mode: KEY_MODE, hosts },
    ],
  };
}

export function kubeconfigItem(row: KubeconfigRow, input: SignedItemInput & { ca: PkiCa }): PkiItem {
  const hosts = input.node === undefined ? names(receivingNodes(row, input.spec)) : [input.node.name];
  const content = renderKubeconfig({
    clusterName: input.spec.clusterName,
    server: kubeconfigServer(row, input.node, input.spec),
    caCertPem: input.ca.certPem,
    userName: certRequest(row, input.node, input.spec).subject.commonName,
    clientCertPem: input.certPem,
    clientKeyPem: input.keyPem,
  });
  return { id: input.id, row, ...(input.node === undefined ? {} : { node: input.node.name }), files: [{ path: row.path, content, mode: KEY_MODE, hosts }] };
}
