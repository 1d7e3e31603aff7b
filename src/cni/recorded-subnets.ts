import { NetworkConfigError } from './network-config-error.ts';
import type { OverlayState } from './overlay-state.ts';

/**
 * node → pod subnet from every host's /etc/kit/overlay.json: a node's own record first, then
 * what its peers recorded about it — so a node that is down or unreachable during a run keeps
 * its subnet instead of having it handed to a newcomer. Records that contradict each other are
 * refused rather than guessed.
 */
export function mergeRecordedSubnets(records: ReadonlyMap<string, OverlayState | undefined>): Record<string, string> {
  const merged = new Map<string, { subnet: string; source: string }>();
  for (const [host, state] of records) {
    if (state !== undefined) merged.set(host, { subnet: state.self.podSubnet, source: host });
  }
  for (const [host, state] of records) {
    for (const peer of state?.peers ?? []) {
      const known = merged.get(peer.name);
      if (known === undefined) {
        merged.set(peer.name, { subnet: peer.podSubnet, source: host });
      } else if (known.subnet !== peer.podSubnet && known.source !== peer.name) {
        throw new NetworkConfigError(`${known.source} and ${host} recorded different pod subnets for ${peer.name} (${known.subnet} and ${peer.podSubnet}), and ${peer.name} itself could not be read`, {
          hint: `Bring ${peer.name} back so kit can read its own /etc/kit/overlay.json, or remove it from the cluster.`,
        });
      }
    }
  }
  return Object.fromEntries([...merged].map(([node, entry]) => [node, entry.subnet]));
}
