import type { Host } from '../host/host.ts';
import { kubectlName, type Addon } from './addon.ts';
import { appliedPath } from './addon-paths.ts';
import { firstLine, kubectl, kubectlUnavailable } from './kubectl.ts';

/**
 * What applying an add-on would change, in words; empty when the manifest kit applied last is
 * this one and every object in it is still in the cluster. Only reads: the recorded manifest,
 * and `kubectl get` with the manifest on stdin.
 */
export async function planAddon(host: Host, addon: Addon, signal?: AbortSignal): Promise<string[]> {
  const recorded = await host.download(appliedPath(addon.name), signal === undefined ? {} : { signal });
  const count = `${addon.objects.length} object${addon.objects.length === 1 ? '' : 's'}`;
  const unavailable = await kubectlUnavailable(host, signal);
  if (unavailable !== undefined) return [`apply ${addon.title} (${count}; ${unavailable})`];
  const live = await liveObjects(host, addon, signal);
  if (typeof live === 'string') return [`apply ${addon.title} (${count}; cannot compare with the cluster: ${live})`];
  const missing = addon.objects.map(kubectlName).filter((name) => !live.has(name));
  if (recorded === undefined) return [`apply ${addon.title} (${count}, ${missing.length} not in the cluster yet)`];
  if (recorded.toString('utf8') !== addon.manifest) return [`apply ${addon.title} (${count}; the manifest changed since kit last applied it)`];
  if (missing.length > 0) return [`apply ${addon.title} (missing from the cluster: ${missing.join(', ')})`];
  return [];
}

/** Names (`deployment.apps/coredns`) of the manifest's objects that exist, or why kubectl could not tell. */
async function liveObjects(host: Host, addon: Addon, signal?: AbortSignal): Promise<Set<string> | string> {
  const result = await host.exec(kubectl(['get', '-f', '-', '--ignore-not-found', '-o', 'name']), {
    stdin: addon.manifest,
    allowedExitCodes: [0, 1],
    ...(signal === undefined ? {} : { signal }),
  });
  if (result.exitCode !== 0) return firstLine(result.stderr);
  return new Set(result.stdout.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
}
