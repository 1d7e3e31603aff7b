import { nthAddress, parseCidr } from '../../inventory/cidr.ts';
import { formatIpAddress } from '../../inventory/ip-address.ts';

/**
 * Cluster DNS's ClusterIP: the tenth address of the Service subnet (10.96.0.10 for
 * 10.96.0.0/12), as kubeadm chooses it; kubelets and the CoreDNS Service must agree on it.
 */
export function clusterDnsIp(serviceSubnet: string): string {
  const cidr = parseCidr(serviceSubnet);
  if (cidr === undefined) throw new RangeError(`serviceSubnet is not a CIDR: ${serviceSubnet}`);
  return formatIpAddress(nthAddress(cidr, 10));
}
