import type { NetworkConfig } from '../inventory/inventory.ts';
import type { Addon } from './addon.ts';
import { cniManifestAddon } from './cni-manifest/cni-manifest-addon.ts';
import { coreDnsAddon } from './coredns/coredns-addon.ts';
import { catalogCoreDnsImage, coreDnsSpecFor } from './coredns/coredns-spec.ts';

export interface ClusterAddonsInput {
  readonly network: NetworkConfig;
  readonly kubernetesVersion: string;
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  readonly dnsDomain: string;
  /**
   * The CoreDNS image the bundle gives the nodes: its reference, `none` when the bundle has
   * no CoreDNS image, `unknown` when this run did not look at the bundle.
   */
  readonly coreDnsImage: string | 'none' | 'unknown';
  readonly signal?: AbortSignal;
}

export interface ClusterAddons {
  /** In the order to apply them: the pod network first, so CoreDNS's pods can get addresses. */
  readonly addons: readonly Addon[];
  /** One line each for the run log: what was left out and why, and manifest warnings. */
  readonly notes: readonly string[];
}

/** Which add-ons this cluster gets, rendered (CoreDNS) or read (the user's CNI manifest). */
export async function clusterAddons(input: ClusterAddonsInput): Promise<ClusterAddons> {
  const addons: Addon[] = [];
  const notes: string[] = [];
  if (input.network.plugin === 'manifest') {
    const cni = await cniManifestAddon(input.network.manifest, input.podSubnet, input.signal);
    addons.push(cni.addon);
    notes.push(...cni.warnings);
  }
  const dns = coreDnsChoice(input);
  if (dns.image === undefined) notes.push(dns.note);
  else {
    addons.push(coreDnsAddon(coreDnsSpecFor({ ...input, image: dns.image })));
    if (dns.note !== '') notes.push(dns.note);
  }
  return { addons, notes };
}

function coreDnsChoice(input: ClusterAddonsInput): { image?: string; note: string } {
  if (input.coreDnsImage === 'unknown') return { note: 'skipped CoreDNS: the artifacts phase did not run, so kit cannot tell whether the bundle has a CoreDNS image' };
  if (input.coreDnsImage === 'none') return { note: 'skipped CoreDNS: the bundle has no CoreDNS image (images/coredns.tar), so the cluster gets no DNS' };
  const expected = catalogCoreDnsImage(input.kubernetesVersion);
  const note = input.coreDnsImage === expected ? '' : `CoreDNS uses the bundle's image ${input.coreDnsImage} (kit expected ${expected} for Kubernetes ${input.kubernetesVersion})`;
  return { image: input.coreDnsImage, note };
}
