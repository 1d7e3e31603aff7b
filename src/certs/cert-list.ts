import type { CaRow, CertRow } from './cert-row.ts';

export const PKI_DIR = '/etc/kubernetes/pki';
export const KUBECONFIG_DIR = '/etc/kubernetes';

const pki = (file: string): string => `${PKI_DIR}/${file}`;
const conf = (file: string): string => `${KUBECONFIG_DIR}/${file}`;
const cn = (commonName: string, ...organizations: string[]) => ({ commonName, organizations });

/**
 * Every certificate, key and kubeconfig kit places, in kubeadm's layout and with kubeadm's
 * subjects, usages and SANs. A CA row always precedes the rows it signs. `kit certs list`,
 * renewal and expiry checks are generated from this table; nothing else lists certificates.
 */
export const CERT_LIST: readonly CertRow[] = deepFreeze([
  { kind: 'ca', name: 'ca', description: 'Kubernetes cluster CA', scope: 'cluster', subject: cn('kubernetes'),
    certPath: pki('ca.crt'), keyPath: pki('ca.key'), certHosts: 'all-nodes', keyHosts: 'control-planes' },
  { kind: 'leaf', name: 'apiserver', description: 'serves the Kubernetes API', scope: 'per-node', ca: 'ca',
    subject: cn('kube-apiserver'), usage: 'server', sans: 'apiserver',
    certPath: pki('apiserver.crt'), keyPath: pki('apiserver.key'), hosts: 'control-planes' },
  { kind: 'leaf', name: 'apiserver-kubelet-client', description: 'the API server\'s client to kubelets', scope: 'per-node',
    ca: 'ca', subject: cn('kube-apiserver-kubelet-client', '{admins}'), usage: 'client',
    certPath: pki('apiserver-kubelet-client.crt'), keyPath: pki('apiserver-kubelet-client.key'), hosts: 'control-planes' },
  { kind: 'ca', name: 'front-proxy-ca', description: 'CA for the API aggregation layer', scope: 'cluster',
    subject: cn('front-proxy-ca'), certPath: pki('front-proxy-ca.crt'), keyPath: pki('front-proxy-ca.key'),
    certHosts: 'control-planes', keyHosts: 'control-planes' },
  { kind: 'leaf', name: 'front-proxy-client', description: 'the API server\'s client to aggregated APIs', scope: 'per-node',
    ca: 'front-proxy-ca', subject: cn('front-proxy-client'), usage: 'client',
    certPath: pki('front-proxy-client.crt'), keyPath: pki('front-proxy-client.key'), hosts: 'control-planes' },
  { kind: 'ca', name: 'etcd-ca', description: 'CA for etcd', scope: 'cluster', subject: cn('etcd-ca'),
    certPath: pki('etcd/ca.crt'), keyPath: pki('etcd/ca.key'), certHosts: 'control-planes', keyHosts: 'control-planes' },
  // etcd checks client certificates on its serving port too, hence server-and-client (as kubeadm).
  { kind: 'leaf', name: 'etcd-server', description: 'serves etcd to clients', scope: 'per-node', ca: 'etcd-ca',
    subject: cn('{node}'), usage: 'server-and-client', sans: 'etcd',
    certPath: pki('etcd/server.crt'), keyPath: pki('etcd/server.key'), hosts: 'control-planes' },
  { kind: 'leaf', name: 'etcd-peer', description: 'etcd members to each other', scope: 'per-node', ca: 'etcd-ca',
    subject: cn('{node}'), usage: 'server-and-client', sans: 'etcd',
    certPath: pki('etcd/peer.crt'), keyPath: pki('etcd/peer.key'), hosts: 'control-planes' },
  { kind: 'leaf', name: 'etcd-healthcheck-client', description: 'health checks of etcd', scope: 'per-node', ca: 'etcd-ca',
    subject: cn('kube-etcd-healthcheck-client'), usage: 'client',
    certPath: pki('etcd/healthcheck-client.crt'), keyPath: pki('etcd/healthcheck-client.key'), hosts: 'control-planes' },
  { kind: 'leaf', name: 'apiserver-etcd-client', description: 'the API server\'s client to etcd', scope: 'per-node',
    ca: 'etcd-ca', subject: cn('kube-apiserver-etcd-client'), usage: 'client',
    certPath: pki('apiserver-etcd-client.crt'), keyPath: pki('apiserver-etcd-client.key'), hosts: 'control-planes' },
  { kind: 'keypair', name: 'sa', description: 'signs and verifies service-account tokens', scope: 'cluster',
    privateKeyPath: pki('sa.key'), publicKeyPath: pki('sa.pub'), hosts: 'control-planes' },
  { kind: 'kubeconfig', name: 'admin.conf', description: 'cluster administrator', scope: 'cluster', ca: 'ca',
    subject: cn('kubernetes-admin', '{admins}'), path: conf('admin.conf'), server: 'control-plane-endpoint',
    hosts: 'control-planes' },
  // Bypasses RBAC (system:masters); kubeadm keeps it apart from admin.conf since 1.29.
  { kind: 'kubeconfig', name: 'super-admin.conf', description: 'break-glass administrator', scope: 'cluster', ca: 'ca',
    subject: cn('kubernetes-super-admin', 'system:masters'), path: conf('super-admin.conf'),
    server: 'control-plane-endpoint', hosts: 'control-planes', sinceMinor: 29 },
  { kind: 'kubeconfig', name: 'controller-manager.conf', description: 'kube-controller-manager', scope: 'per-node',
    ca: 'ca', subject: cn('system:kube-controller-manager'), path: conf('controller-manager.conf'),
    server: 'local-api-server', hosts: 'control-planes' },
  { kind: 'kubeconfig', name: 'scheduler.conf', description: 'kube-scheduler', scope: 'per-node', ca: 'ca',
    subject: cn('system:kube-scheduler'), path: conf('scheduler.conf'), server: 'local-api-server',
    hosts: 'control-planes' },
  // kit runs kube-proxy as a systemd service, not a DaemonSet: it needs a certificate of its own.
  { kind: 'kubeconfig', name: 'kube-proxy.conf', description: 'kube-proxy on every node', scope: 'cluster', ca: 'ca',
    subject: cn('system:kube-proxy'), path: conf('kube-proxy.conf'), server: 'control-plane-endpoint',
    hosts: 'all-nodes' },
  { kind: 'kubeconfig', name: 'kubelet.conf', description: 'the kubelet of a node that does not TLS-bootstrap',
    scope: 'per-node', ca: 'ca', subject: cn('system:node:{node}', 'system:nodes'), path: conf('kubelet.conf'),
    server: 'control-plane-endpoint', hosts: 'nodes-without-tls-bootstrap' },
] satisfies CertRow[]);

export function caRow(name: string): CaRow {
  const row = CERT_LIST.find((candidate): candidate is CaRow => candidate.kind === 'ca' && candidate.name === name);
  if (row === undefined) throw new Error(`CERT_LIST has no CA row named ${name}`);
  return row;
}

/** The rows that exist for a Kubernetes minor. */
export function rowsForMinor(kubernetesMinor: number): readonly CertRow[] {
  return CERT_LIST.filter((row) => row.sinceMinor === undefined || kubernetesMinor >= row.sinceMinor);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
