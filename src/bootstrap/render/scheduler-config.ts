import { KUBECONFIGS } from '../paths.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { renderYamlDocument } from './yaml-document.ts';

/** The KubeSchedulerConfiguration: v1beta1 for 1.20, v1 since 1.25. */
export function renderSchedulerConfig({ cluster }: RenderContext): string {
  return renderYamlDocument({
    apiVersion: cluster.version.traits.configApis.scheduler,
    kind: 'KubeSchedulerConfiguration',
    clientConnection: { kubeconfig: KUBECONFIGS.scheduler },
    leaderElection: { leaderElect: true },
  });
}
