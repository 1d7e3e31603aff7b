import { CONFIG_FILES } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { renderDaemonUnit } from './daemon-unit.ts';
import { localLoadBalancer } from './local-load-balancer.ts';

/** kube-proxy as a systemd service (kubeadm runs it as a DaemonSet); everything is in its config file. */
export function renderKubeProxyUnit({ cluster }: RenderContext): string {
  return renderDaemonUnit({
    daemon: 'kube-proxy',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'Kubernetes network proxy (kube-proxy)',
    after: ['network-online.target', ...localLoadBalancer(cluster)],
    wants: ['network-online.target'],
    type: 'simple',
    flags: [['config', CONFIG_FILES.kubeProxyConfig]],
    restartSec: 5,
  });
}
