import { CONFIG_FILES, KUBECONFIGS, STATE_DIRS } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { pauseImage } from '../spec/images.ts';
import type { Flag } from '../versions/version-table.ts';
import { renderDaemonUnit } from './daemon-unit.ts';
import { localLoadBalancer } from './local-load-balancer.ts';
import { formatTaint, kubeletNodeLabels } from './kubelet-labels.ts';

/**
 * The kubelet: settings that have a KubeletConfiguration field live in config.yaml; the unit
 * keeps what only exists as a flag (node IP, name, labels, kubeconfigs) plus, for 1.20, the
 * runtime flags its table row asks for. `--node-ip` is always set: hosts without a default
 * route give the kubelet nothing to guess from.
 */
export function renderKubeletUnit(context: RenderContext): string {
  const { cluster } = context;
  return renderDaemonUnit({
    daemon: 'kubelet',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'Kubernetes node agent (kubelet)',
    // Ordering only: the kubelet retries, but starting after the local load balancer avoids a burst of errors.
    after: ['network-online.target', 'containerd.service', ...localLoadBalancer(cluster)],
    wants: ['network-online.target', 'containerd.service'],
    type: 'simple',
    flags: [...commonFlags(context), ...versionFlags(context)],
    restartSec: 10,
  });
}

function commonFlags({ node }: RenderContext): Flag[] {
  const flags: Flag[] = [
    ['config', CONFIG_FILES.kubeletConfig],
    ['kubeconfig', KUBECONFIGS.kubelet],
    // Read only while kubelet.conf is missing or expired: the TLS-bootstrap path.
    ['bootstrap-kubeconfig', KUBECONFIGS.bootstrapKubelet],
    ['cert-dir', STATE_DIRS.kubeletPki],
    ['node-ip', node.ip],
    ['hostname-override', node.name],
  ];
  const labels = kubeletNodeLabels(node);
  if (labels !== '') flags.push(['node-labels', labels]);
  return flags;
}

function versionFlags({ cluster, node }: RenderContext): Flag[] {
  const traits = cluster.version.traits.kubelet;
  const flags: Flag[] = [];
  if (traits.remoteRuntimeFlag) flags.push(['container-runtime', 'remote']);
  if (traits.runtimeEndpointIn === 'flag') flags.push(['container-runtime-endpoint', node.criSocket]);
  if (traits.podInfraImageFlag) flags.push(['pod-infra-container-image', pauseImage(cluster)]);
  if (traits.taintsIn === 'flag' && node.taints.length > 0) {
    flags.push(['register-with-taints', node.taints.map(formatTaint).join(',')]);
  }
  return flags;
}
