import { kubectl } from '../../bootstrap/cluster/kubectl.ts';
import { CLUSTER_ADMINS_SINCE_MINOR } from '../../bootstrap/cluster/bootstrap-rbac.ts';
import { kubernetesMinorOf } from '../../bootstrap/cluster/init-objects.ts';
import { KUBECONFIGS } from '../../bootstrap/paths.ts';
import type { ClusterSpec } from '../../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../../host/host.ts';
import { connect, controlPlaneNames, type FlowState } from '../flow-state.ts';

/** The control plane kit talks to the API through (its kubectl and admin kubeconfig). */
export interface ApiAnchor {
  readonly host: Host;
  readonly cluster: ClusterSpec;
}

/** The first control plane still in the run. */
export async function apiAnchor(state: FlowState, cluster: ClusterSpec, failedHosts: ReadonlySet<string>): Promise<ApiAnchor | undefined> {
  const name = controlPlaneNames(state).find((candidate) => !failedHosts.has(candidate));
  return name === undefined ? undefined : { host: await connect(state, name), cluster };
}

/** Whether the API answers through the anchor (false on fresh hosts, e.g. in a dry run). */
export async function apiReachable(anchor: ApiAnchor, signal?: AbortSignal): Promise<boolean> {
  const probe = await anchor.host.exec(['test', '-x', `${anchor.cluster.binDir}/kubectl`, '-a', '-s', KUBECONFIGS.admin], { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  if (probe.exitCode !== 0) return false;
  const result = await kubectl(anchor.host, anchor.cluster, ['get', '--raw=/readyz'], { allowedExitCodes: [0, 1], timeoutMs: 30_000, ...(signal === undefined ? {} : { signal }) });
  return result.exitCode === 0;
}

/** Since 1.29 admin.conf's group is bound by init itself; until then only super-admin.conf may create that binding. */
export function initKubeconfig(cluster: ClusterSpec): string {
  return kubernetesMinorOf(cluster) >= CLUSTER_ADMINS_SINCE_MINOR ? KUBECONFIGS.superAdmin : KUBECONFIGS.admin;
}
