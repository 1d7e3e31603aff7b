import { PKI } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { clusterDnsIp } from '../spec/service-ips.ts';
import { renderYamlDocument } from './yaml-document.ts';

export const KUBELET_HEALTHZ_PORT = 10248;

/**
 * /var/lib/kubelet/config.yaml. Only the API server may use the kubelet's API (webhook
 * authentication and authorization, no anonymous access); the client certificate rotates
 * itself; the healthz port stays on loopback. Fields a minor does not know are left out, so
 * no kubelet meets a field it cannot read.
 */
export function renderKubeletConfig({ cluster, node }: RenderContext): string {
  const traits = cluster.version.traits.kubelet;
  const document: Record<string, unknown> = {
    apiVersion: cluster.version.traits.configApis.kubelet,
    kind: 'KubeletConfiguration',
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true, cacheTTL: '0s' },
      x509: { clientCAFile: PKI.ca },
    },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '0s', cacheUnauthorizedTTL: '0s' } },
    cgroupDriver: node.cgroupDriver,
    clusterDNS: [clusterDnsIp(cluster.serviceSubnet)],
    clusterDomain: cluster.dnsDomain,
    healthzBindAddress: '127.0.0.1',
    healthzPort: KUBELET_HEALTHZ_PORT,
    resolvConf: node.resolvConf,
    rotateCertificates: true,
    serverTLSBootstrap: cluster.features.kubeletServerTlsBootstrap,
  };
  if (traits.runtimeEndpointIn === 'config') document['containerRuntimeEndpoint'] = node.criSocket;
  if (traits.taintsIn === 'config' && node.taints.length > 0) {
    document['registerWithTaints'] = node.taints.map((taint) => ({ ...taint }));
  }
  // Since 1.35 a kubelet refuses cgroup v1 unless told otherwise; the rig's hosts are v1.
  if (traits.hasFailCgroupV1 && node.cgroupVersion === 1) document['failCgroupV1'] = false;
  return renderYamlDocument(document);
}
