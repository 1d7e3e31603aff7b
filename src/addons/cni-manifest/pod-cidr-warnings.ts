import { canonicalCidr, cidrFamily, formatCidr, parseCidr } from '../../inventory/cidr.ts';
import type { ManifestPodCidr } from './manifest-pod-cidrs.ts';

/**
 * A warning per pod range in the manifest that is not the inventory's `cluster.podSubnet`:
 * the controller-manager hands nodes podCIDRs from the inventory's, the plugin would hand pods
 * addresses from its own, and traffic between them is routed nowhere. Ranges of the other IP
 * family (Cilium's IPv6 pool next to an IPv4 podSubnet) are not compared.
 */
export function podCidrWarnings(found: readonly ManifestPodCidr[], podSubnet: string): string[] {
  const expected = parseCidr(podSubnet);
  if (expected === undefined) return [];
  const wanted = formatCidr(canonicalCidr(expected));
  return found.flatMap(({ cidr, source }) => {
    const parsed = parseCidr(cidr);
    if (parsed === undefined) return [`warning: ${source} is ${JSON.stringify(cidr)}, not a CIDR; cannot compare it with cluster.podSubnet ${wanted}`];
    if (cidrFamily(parsed) !== cidrFamily(expected)) return [];
    const actual = formatCidr(canonicalCidr(parsed));
    return actual === wanted ? [] : [`warning: ${source} is ${actual} but cluster.podSubnet is ${wanted}: set one to the other, or pods get addresses no node routes`];
  });
}
