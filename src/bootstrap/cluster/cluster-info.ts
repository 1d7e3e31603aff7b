import { stringify } from 'yaml';

export const CLUSTER_INFO = Object.freeze({ namespace: 'kube-public', name: 'cluster-info' });

/**
 * The kubeconfig a joining node discovers the API and its CA from: no credentials. The
 * controller-manager's bootstrap signer adds a `jws-kubeconfig-<token id>` signature of this
 * exact text for every signing token, so a node holding a token can trust it.
 */
export function clusterInfoKubeconfig(input: { readonly server: string; readonly caCertPem: string }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: '', cluster: { 'certificate-authority-data': Buffer.from(input.caCertPem).toString('base64'), server: input.server } }],
    contexts: [],
    'current-context': '',
    preferences: {},
    users: [],
  }, { lineWidth: 0 });
}

export function clusterInfoConfigMap(kubeconfig: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CLUSTER_INFO.name, namespace: CLUSTER_INFO.namespace }, data: { kubeconfig } };
}
