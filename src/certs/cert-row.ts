/**
 * The shapes of CERT_LIST's rows. A row is data only: subjects use the placeholders
 * `{node}` (the node's name) and `{admins}` (kubeadm's admin group for the Kubernetes minor).
 */
export type CaName = 'ca' | 'front-proxy-ca' | 'etcd-ca';

/** Which hosts receive a file. */
export type HostSelector = 'all-nodes' | 'control-planes' | 'nodes-without-tls-bootstrap';

/** `cluster`: one instance shared by every receiving host; `per-node`: one per receiving host. */
export type RowScope = 'cluster' | 'per-node';

export type CertUsage = 'server' | 'client' | 'server-and-client';

/** Which rule computes the SANs (see cert-request.ts). */
export type SanProfile = 'apiserver' | 'etcd';

/** Which URL a kubeconfig points at: the shared endpoint or the node's own API server. */
export type KubeconfigServer = 'control-plane-endpoint' | 'local-api-server';

export interface SubjectTemplate {
  readonly commonName: string;
  readonly organizations: readonly string[];
}

interface RowBase {
  readonly name: string;
  readonly description: string;
  readonly scope: RowScope;
  /** The row exists from this Kubernetes minor on (super-admin.conf: 29). */
  readonly sinceMinor?: number;
}

export interface CaRow extends RowBase {
  readonly kind: 'ca';
  readonly name: CaName;
  readonly scope: 'cluster';
  readonly subject: SubjectTemplate;
  readonly certPath: string;
  readonly keyPath: string;
  readonly certHosts: HostSelector;
  /** A CA key is only ever placed on control planes. */
  readonly keyHosts: 'control-planes';
}

export interface LeafRow extends RowBase {
  readonly kind: 'leaf';
  readonly ca: CaName;
  readonly subject: SubjectTemplate;
  readonly usage: CertUsage;
  readonly sans?: SanProfile;
  readonly certPath: string;
  readonly keyPath: string;
  readonly hosts: HostSelector;
}

export interface KeyPairRow extends RowBase {
  readonly kind: 'keypair';
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly hosts: 'control-planes';
}

export interface KubeconfigRow extends RowBase {
  readonly kind: 'kubeconfig';
  readonly ca: CaName;
  readonly subject: SubjectTemplate;
  readonly path: string;
  readonly server: KubeconfigServer;
  readonly hosts: HostSelector;
}

export type CertRow = CaRow | LeafRow | KeyPairRow | KubeconfigRow;
export type SignedRow = LeafRow | KubeconfigRow;

export function isSignedRow(row: CertRow): row is SignedRow {
  return row.kind === 'leaf' || row.kind === 'kubeconfig';
}
