import { kubernetesMinor, SUPPORTED_KUBERNETES_VERSIONS } from '../../inventory/kubernetes-versions.ts';
import { checkClusterName, checkEndpoint } from '../../inventory/schema/field-checks.ts';
import type { Choice } from './prompter.ts';
import type { SetupIo } from './setup-io.ts';

/** Cluster name and Kubernetes version: asked first, they need no host. */
export async function askClusterBasics(io: SetupIo, previous: { clusterName?: string; kubernetesVersion?: string }): Promise<{ clusterName: string; kubernetesVersion: string }> {
  const clusterName = await io.prompter.text({
    message: 'Cluster name',
    default: previous.clusterName ?? 'kit',
    validate: (value) => {
      const problem = checkClusterName(value);
      return problem === undefined ? undefined : `${problem.message}${problem.hint === undefined ? '' : `. ${problem.hint}`}`;
    },
  });
  const choices: Choice<string>[] = SUPPORTED_KUBERNETES_VERSIONS.map((version, index) => ({ value: version, name: index === 0 ? `${version} (newest)` : version }));
  const kept = previous.kubernetesVersion;
  // A patch of a supported minor that kit does not ship by default is offered as it was written.
  if (kept !== undefined && !SUPPORTED_KUBERNETES_VERSIONS.includes(kept)) {
    const at = SUPPORTED_KUBERNETES_VERSIONS.findIndex((version) => kubernetesMinor(version) === kubernetesMinor(kept));
    choices.splice(Math.max(0, at), 0, { value: kept, name: `${kept} (from the inventory)` });
  }
  const kubernetesVersion = await io.prompter.select({ message: 'Kubernetes version', choices, default: kept ?? SUPPORTED_KUBERNETES_VERSIONS[0] ?? '' });
  return { clusterName, kubernetesVersion };
}

/** `host[:port]` of a VIP or load balancer; none means a node-local load balancer on every node. */
export async function askControlPlaneEndpoint(io: SetupIo, previous: string | undefined, controlPlanes: number): Promise<string | undefined> {
  if (controlPlanes > 1) io.print(`  ${controlPlanes} control planes: without an endpoint, every node reaches them through a local load balancer on 127.0.0.1:6443.`);
  const none = '-';
  const answer = await io.prompter.text({
    message: `Control-plane endpoint: host[:port] of a VIP or load balancer (empty${previous === undefined ? '' : ` or ${none}`}: none, a node-local load balancer)`,
    ...(previous === undefined ? {} : { default: previous }),
    validate: (value) => (value === '' || value === none ? undefined : checkEndpoint(value)?.message),
  });
  return answer === '' || answer === none ? undefined : answer;
}
