import { canonicalCidr, formatCidr, parseCidr } from '../inventory/cidr.ts';
import { formatIpAddress, parseIpAddress } from '../inventory/ip-address.ts';
import { NetworkConfigError } from './network-config-error.ts';
import { VXLAN_OVERHEAD } from './overlay-names.ts';

/**
 * Derives a node's overlay identity from inventory facts alone, so every node computes the
 * same MAC and VTEP address for every peer without asking it.
 */

/**
 * `02:6b:` + the four octets of the node's internal IPv4 address. 0x02 marks the MAC as
 * locally administered and unicast; 0x6b is "k". Distinct addresses give distinct MACs, and an
 * operator reading `bridge fdb` can tell which node an entry points at.
 */
export function vxlanMac(internalAddress: string): string {
  const ip = parseIpAddress(internalAddress);
  if (ip?.family !== 4) {
    throw new NetworkConfigError(`the overlay needs an IPv4 internal address, but a node has "${internalAddress}"`, {
      hint: "Set the host's internalAddress to its IPv4 address, or use network.plugin: manifest for an IPv6-only underlay.",
    });
  }
  const octets = [24n, 16n, 8n, 0n].map((shift) => Number((ip.value >> shift) & 0xffn));
  return ['02', '6b', ...octets.map((octet) => octet.toString(16).padStart(2, '0'))].join(':');
}

/**
 * The node's VTEP address: the network address (`.0`) of its pod subnet, as flannel does. The
 * bridge takes `.1` as the pods' gateway and host-local hands out `.2` upwards, so `.0` costs no
 * pod an address; it sits on kit.vxlan as a /32 and is what peers' routes point at (`via`).
 */
export function vtepAddress(podSubnet: string): string {
  const cidr = parseCidr(podSubnet);
  if (cidr?.address.family !== 4) {
    throw new NetworkConfigError(`the overlay needs an IPv4 pod subnet, but a node has "${podSubnet}"`, {
      hint: 'Use an IPv4 cluster.podSubnet such as 10.244.0.0/16.',
    });
  }
  return formatIpAddress(canonicalCidr(cidr).address);
}

/** The pods' gateway on the bridge: the first usable address of the node's pod subnet. */
export function podGateway(podSubnet: string): string {
  const cidr = parseCidr(podSubnet);
  if (cidr === undefined) throw new NetworkConfigError(`"${podSubnet}" is not a subnet in CIDR notation`);
  const network = canonicalCidr(cidr);
  return formatIpAddress({ family: network.address.family, value: network.address.value + 1n });
}

export function canonicalSubnet(subnet: string): string {
  const cidr = parseCidr(subnet);
  if (cidr === undefined) throw new NetworkConfigError(`"${subnet}" is not a subnet in CIDR notation`);
  return formatCidr(canonicalCidr(cidr));
}

/**
 * The overlay's MTU: the configured one, else the smallest underlay MTU of all nodes minus
 * the encapsulation overhead. One value for the whole cluster, because a pod's packet must fit
 * the path to every peer, not only its own node's link.
 */
export function overlayMtu(options: { readonly configured?: number | undefined; readonly underlayMtus: readonly number[] }): number {
  if (options.configured !== undefined) return options.configured;
  if (options.underlayMtus.length === 0) {
    throw new NetworkConfigError('the overlay MTU cannot be derived: no node reported its underlay MTU', { hint: 'Set network.vxlan.mtu.' });
  }
  return Math.min(...options.underlayMtus) - VXLAN_OVERHEAD;
}
