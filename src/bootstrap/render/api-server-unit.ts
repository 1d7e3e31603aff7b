import { formatEndpoint } from '../../inventory/endpoint.ts';
import { AUDIT_LOG_FILE, CONFIG_FILES, PKI } from '../paths.ts';
import { needsLocalLoadBalancer } from '../spec/api-endpoint.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import type { Flag } from '../versions/version-table.ts';
import { renderDaemonUnit } from './daemon-unit.ts';
import { ETCD_CLIENT_PORT } from './etcd-unit.ts';

/**
 * kube-apiserver with kubeadm's flags. It talks to the etcd member on its own node (as
 * kubeadm's stacked topology); when the node-local load balancer owns 127.0.0.1:6443 the
 * API server binds the node address only, so both fit on a control plane.
 */
export function renderApiServerUnit(context: RenderContext): string {
  const { cluster } = context;
  return renderDaemonUnit({
    daemon: 'kube-apiserver',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'Kubernetes API server',
    after: ['network-online.target', 'etcd.service'],
    wants: ['network-online.target'],
    type: 'simple',
    flags: [...baseFlags(context), ...featureFlags(context)],
    restartSec: 5,
  });
}

function baseFlags({ cluster, node }: RenderContext): Flag[] {
  const loopback = node.ip.includes(':') ? '::1' : '127.0.0.1';
  const flags: Flag[] = [
    ['advertise-address', node.ip],
    ['secure-port', String(cluster.apiServerPort)],
    ['allow-privileged', 'true'],
    ['authorization-mode', 'Node,RBAC'],
    ['enable-admission-plugins', 'NodeRestriction'],
    ['enable-bootstrap-token-auth', 'true'],
    ['client-ca-file', PKI.ca],
    ['tls-cert-file', PKI.apiServer],
    ['tls-private-key-file', PKI.apiServerKey],
    ['etcd-servers', `https://${formatEndpoint({ host: loopback, port: ETCD_CLIENT_PORT })}`],
    ['etcd-cafile', PKI.etcdCa],
    ['etcd-certfile', PKI.apiServerEtcdClient],
    ['etcd-keyfile', PKI.apiServerEtcdClientKey],
    ['kubelet-client-certificate', PKI.apiServerKubeletClient],
    ['kubelet-client-key', PKI.apiServerKubeletClientKey],
    // Nodes' names need not resolve anywhere (they do not on the rig); their addresses do.
    ['kubelet-preferred-address-types', 'InternalIP,ExternalIP,Hostname'],
    ['proxy-client-cert-file', PKI.frontProxyClient],
    ['proxy-client-key-file', PKI.frontProxyClientKey],
    ['requestheader-client-ca-file', PKI.frontProxyCa],
    ['requestheader-allowed-names', 'front-proxy-client'],
    ['requestheader-username-headers', 'X-Remote-User'],
    ['requestheader-group-headers', 'X-Remote-Group'],
    ['requestheader-extra-headers-prefix', 'X-Remote-Extra-'],
    // Both required since 1.20 (bound service-account tokens).
    ['service-account-issuer', `https://kubernetes.default.svc.${cluster.dnsDomain}`],
    ['service-account-key-file', PKI.serviceAccountPub],
    ['service-account-signing-key-file', PKI.serviceAccountKey],
    ['service-cluster-ip-range', cluster.serviceSubnet],
  ];
  if (needsLocalLoadBalancer(cluster)) flags.push(['bind-address', node.ip]);
  return flags;
}

function featureFlags({ cluster }: RenderContext): Flag[] {
  const flags: Flag[] = [];
  if (cluster.features.auditLog) {
    flags.push(
      ['audit-policy-file', CONFIG_FILES.auditPolicy],
      ['audit-log-path', AUDIT_LOG_FILE],
      ['audit-log-maxage', '30'],
      ['audit-log-maxbackup', '10'],
      ['audit-log-maxsize', '100'],
    );
  }
  if (cluster.features.encryptionAtRest) flags.push(['encryption-provider-config', CONFIG_FILES.encryptionConfig]);
  return flags;
}
