import { KUBECONFIGS } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { renderYamlDocument } from './yaml-document.ts';

export const KUBE_PROXY_HEALTHZ_PORT = 10256;
export const KUBE_PROXY_METRICS_PORT = 10249;

/**
 * kube-proxy in iptables mode (still the default in every supported minor). `maxPerCore: 0`
 * leaves the kernel's conntrack table size alone: kube-proxy would otherwise write
 * nf_conntrack_max, which a host inside a container may not change (and kit does not tune
 * kernels behind the user's back).
 */
export function renderKubeProxyConfig({ cluster, node }: RenderContext): string {
  return renderYamlDocument({
    apiVersion: cluster.version.traits.configApis.kubeProxy,
    kind: 'KubeProxyConfiguration',
    clientConnection: { kubeconfig: KUBECONFIGS.kubeProxy },
    hostnameOverride: node.name,
    mode: 'iptables',
    clusterCIDR: cluster.podSubnet,
    conntrack: { maxPerCore: 0 },
    healthzBindAddress: `0.0.0.0:${KUBE_PROXY_HEALTHZ_PORT}`,
    metricsBindAddress: `127.0.0.1:${KUBE_PROXY_METRICS_PORT}`,
  });
}
