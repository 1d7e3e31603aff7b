import { kubectl } from '../bootstrap/cluster/kubectl.ts';
import type { ClusterSpec } from '../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../host/host.ts';

/** kubectl and the admin kubeconfig on a control plane that stays. */
export interface ApiVia {
  readonly host: Host;
  readonly cluster: ClusterSpec;
  readonly signal?: AbortSignal;
}

/**
 * The drain flags for a kubectl of this minor. `--delete-emptydir-data` arrived in 1.20 next
 * to the older `--delete-local-data`; 1.20 is kept on the spelling its own docs still used.
 * `--force` lets pods without a controller go too: the node is being reset either way.
 */
export function drainArgs(name: string, kubernetesMinor: number, timeoutSeconds = 120): string[] {
  const emptyDir = kubernetesMinor >= 21 ? '--delete-emptydir-data' : '--delete-local-data';
  return ['drain', name, '--ignore-daemonsets', emptyDir, '--force', `--timeout=${timeoutSeconds}s`];
}

function signalOf(via: ApiVia): { signal?: AbortSignal } {
  return via.signal === undefined ? {} : { signal: via.signal };
}

/** Whether the API has a Node of that name. */
export async function nodeExists(via: ApiVia, name: string): Promise<boolean> {
  const result = await kubectl(via.host, via.cluster, ['get', 'node', name, '-o', 'name'], { allowedExitCodes: [0, 1], ...signalOf(via) });
  if (result.exitCode === 0) return true;
  if (/NotFound|not found/u.test(result.stderr)) return false;
  throw new Error(`kubectl get node ${name} on ${via.host.name} failed: ${result.stderr.trim()}`);
}

/** Evicts the node's pods; a drain that does not finish is reported, and the reset goes on. */
export async function drainNode(via: ApiVia, name: string, kubernetesMinor: number): Promise<{ readonly ok: boolean; readonly detail: string }> {
  const result = await kubectl(via.host, via.cluster, drainArgs(name, kubernetesMinor), { allowedExitCodes: [0, 1], timeoutMs: 180_000, ...signalOf(via) });
  return { ok: result.exitCode === 0, detail: (result.exitCode === 0 ? result.stdout : result.stderr).trim().split('\n').slice(-3).join('; ') };
}

export async function deleteNode(via: ApiVia, name: string): Promise<void> {
  await kubectl(via.host, via.cluster, ['delete', 'node', name, '--ignore-not-found'], signalOf(via));
}

/** Whether kubectl on that host reaches a ready API server with the admin kubeconfig. */
export async function apiAnswers(via: ApiVia, adminKubeconfig: string): Promise<boolean> {
  const probe = await via.host.exec(['test', '-x', `${via.cluster.binDir}/kubectl`, '-a', '-s', adminKubeconfig], { allowedExitCodes: [0, 1], ...signalOf(via) });
  if (probe.exitCode !== 0) return false;
  const result = await kubectl(via.host, via.cluster, ['get', '--raw=/readyz'], { allowedExitCodes: [0, 1], timeoutMs: 30_000, ...signalOf(via) });
  return result.exitCode === 0;
}
