import { Document, parse } from 'yaml';

export const MANAGED_MARKER = ' managed by kit: re-running kit rewrites this file';

export interface KubeconfigInput {
  readonly clusterName: string;
  /** `https://host:port` */
  readonly server: string;
  readonly caCertPem: string;
  /** The user name; kit uses the certificate's CN, as kubeadm does. */
  readonly userName: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** A kubeconfig with the CA and the client credentials embedded, in kubeadm's shape. */
export function renderKubeconfig(input: KubeconfigInput): string {
  const context = `${input.userName}@${input.clusterName}`;
  const document = new Document({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: input.clusterName, cluster: { 'certificate-authority-data': base64(input.caCertPem), server: input.server } }],
    contexts: [{ name: context, context: { cluster: input.clusterName, user: input.userName } }],
    'current-context': context,
    preferences: {},
    users: [{ name: input.userName, user: { 'client-certificate-data': base64(input.clientCertPem), 'client-key-data': base64(input.clientKeyPem) } }],
  });
  document.commentBefore = MANAGED_MARKER;
  return document.toString({ lineWidth: 0 });
}

/** The parts of a kubeconfig kit checks on a re-run; undefined when it is not one kit can read. */
export function parseKubeconfig(text: string | Buffer): KubeconfigInput | undefined {
  let config: unknown;
  try {
    config = parse(String(text));
  } catch {
    return undefined;
  }
  const contextName = field(config, 'current-context');
  const context = field(named(field(config, 'contexts'), contextName), 'context');
  const clusterName = field(context, 'cluster');
  const userName = field(context, 'user');
  const cluster = field(named(field(config, 'clusters'), clusterName), 'cluster');
  const user = field(named(field(config, 'users'), userName), 'user');
  const values = {
    server: field(cluster, 'server'),
    caCertPem: unbase64(field(cluster, 'certificate-authority-data')),
    clientCertPem: unbase64(field(user, 'client-certificate-data')),
    clientKeyPem: unbase64(field(user, 'client-key-data')),
  };
  if (typeof clusterName !== 'string' || typeof userName !== 'string') return undefined;
  if (Object.values(values).some((value) => typeof value !== 'string')) return undefined;
  return { clusterName, userName, ...(values as Record<keyof typeof values, string>) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function named(list: unknown, name: unknown): unknown {
  return Array.isArray(list) ? list.find((entry) => field(entry, 'name') === name) : undefined;
}

function base64(pem: string): string {
  return Buffer.from(pem, 'utf8').toString('base64');
}

function unbase64(value: unknown): string | undefined {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}
