import { KUBECONFIGS, PKI } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import type { Flag } from '../versions/version-table.ts';
import { renderDaemonUnit } from './daemon-unit.ts';

/**
 * kube-controller-manager with kubeadm's flags. Node CIDR allocation stays off with kit's
 * overlay: it gives each node its pod subnet (src/cni/pod-subnets.ts) before any daemon runs,
 * and a second allocator would hand out different ranges; a third-party CNI gets it on. The cluster CA signs kubelet CSRs; bootstrapsigner
 * and tokencleaner serve `kubeadm join`-style bootstrap tokens.
 */
export function renderControllerManagerUnit({ cluster }: RenderContext): string {
  const flags: Flag[] = [
    ['kubeconfig', KUBECONFIGS.controllerManager],
    ['authentication-kubeconfig', KUBECONFIGS.controllerManager],
    ['authorization-kubeconfig', KUBECONFIGS.controllerManager],
    ['bind-address', '127.0.0.1'],
    ['client-ca-file', PKI.ca],
    ['requestheader-client-ca-file', PKI.frontProxyCa],
    ['cluster-name', cluster.name],
    ['cluster-signing-cert-file', PKI.ca],
    ['cluster-signing-key-file', PKI.caKey],
    ['controllers', '*,bootstrapsigner,tokencleaner'],
    ['leader-elect', 'true'],
    ['root-ca-file', PKI.ca],
    ['service-account-private-key-file', PKI.serviceAccountKey],
    ['service-cluster-ip-range', cluster.serviceSubnet],
    ['use-service-account-credentials', 'true'],
    ...allocation(cluster),
  ];
  if (cluster.version.traits.disableInsecurePort) flags.push(['port', '0']);
  return renderDaemonUnit({
    daemon: 'kube-controller-manager',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'Kubernetes controller manager',
    after: ['network-online.target', 'kube-apiserver.service'],
    wants: ['network-online.target'],
    type: 'simple',
    flags,
    restartSec: 5,
  });
}

/** kit's overlay carves /24s (IPv4) and /64s (IPv6) of the pod subnet; the allocator does the same. */
function allocation(cluster: RenderContext['cluster']): Flag[] {
  if (cluster.features.allocateNodeCidrs !== true) return [['allocate-node-cidrs', 'false']];
  return [['allocate-node-cidrs', 'true'], ['cluster-cidr', cluster.podSubnet], ['node-cidr-mask-size', cluster.podSubnet.includes(':') ? '64' : '24']];
}
