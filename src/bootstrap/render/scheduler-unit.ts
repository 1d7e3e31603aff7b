import { CONFIG_FILES, KUBECONFIGS } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import type { Flag } from '../versions/version-table.ts';
import { renderDaemonUnit } from './daemon-unit.ts';

/**
 * kube-scheduler reading its KubeSchedulerConfiguration (kubeconfig and leader election live
 * there: with `--config` the scheduler ignores the old flags for them). The secure-serving
 * flags are not part of that file, so they stay flags.
 */
export function renderSchedulerUnit({ cluster }: RenderContext): string {
  const flags: Flag[] = [
    ['config', CONFIG_FILES.schedulerConfig],
    ['authentication-kubeconfig', KUBECONFIGS.scheduler],
    ['authorization-kubeconfig', KUBECONFIGS.scheduler],
    ['bind-address', '127.0.0.1'],
  ];
  // 1.20 applies --port even with --config: it is the one way to switch off HTTP on 10251.
  if (cluster.version.traits.disableInsecurePort) flags.push(['port', '0']);
  return renderDaemonUnit({
    daemon: 'kube-scheduler',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'Kubernetes scheduler',
    after: ['network-online.target', 'kube-apiserver.service'],
    wants: ['network-online.target'],
    type: 'simple',
    flags,
    restartSec: 5,
  });
}
