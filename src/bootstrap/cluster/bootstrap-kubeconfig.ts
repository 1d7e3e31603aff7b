import { stringify } from 'yaml';
import type { BootstrapToken } from './bootstrap-token.ts';
import { tokenString } from './bootstrap-token.ts';
import type { DiscoveredCluster } from './token-discovery.ts';

/**
 * /etc/kubernetes/bootstrap-kubelet.conf: the token and the discovered, pinned CA. The kubelet
 * uses it once, to ask for its client certificate (TLS bootstrap), then writes kubelet.conf.
 */
export function renderBootstrapKubeconfig(cluster: DiscoveredCluster, token: BootstrapToken, clusterName: string): string {
  const user = `tls-bootstrap-token-user`;
  return `# managed by kit: holds a short-lived bootstrap token, removed after the node joined\n${stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: { 'certificate-authority-data': Buffer.from(cluster.caCertPem).toString('base64'), server: cluster.server } }],
    contexts: [{ name: `${user}@${clusterName}`, context: { cluster: clusterName, user } }],
    'current-context': `${user}@${clusterName}`,
    preferences: {},
    users: [{ name: user, user: { token: tokenString(token) } }],
  }, { lineWidth: 0 })}`;
}
