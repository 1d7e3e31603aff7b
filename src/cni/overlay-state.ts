import { canonicalSubnet, vtepAddress, vxlanMac } from './vxlan-identity.ts';
import { NetworkConfigError } from './network-config-error.ts';
import { OVERLAY_DEVICE } from './overlay-names.ts';

/** One node as the overlay sees it: where its VXLAN packets go and which pods live behind it. */
export interface OverlayNode {
  readonly name: string;
  /** The node's internal (underlay) IPv4 address: the outer destination of VXLAN packets. */
  readonly address: string;
  readonly podSubnet: string;
}

/** A node plus the identity every peer derives for it. */
export interface OverlayEndpoint extends OverlayNode {
  readonly mac: string;
  readonly vtep: string;
}

export interface OverlaySettings {
  readonly vni: number;
  readonly port: number;
  /** Resolved already (see overlayMtu). */
  readonly mtu: number;
}

/**
 * Everything one host needs to build its side of the overlay: written to
 * /etc/kit/overlay.json, read by overlay-up.sh at boot and by kit to learn pod subnets back.
 */
export interface OverlayState extends OverlaySettings {
  readonly device: string;
  readonly clusterSubnet: string;
  readonly serviceSubnet: string;
  readonly self: OverlayEndpoint;
  /** Every other node, sorted by name. */
  readonly peers: readonly OverlayEndpoint[];
}

export interface OverlayStateRequest {
  /** The host this state is for. */
  readonly self: string;
  readonly nodes: readonly OverlayNode[];
  readonly settings: OverlaySettings;
  readonly clusterSubnet: string;
  readonly serviceSubnet: string;
}

export function overlayEndpoint(node: OverlayNode): OverlayEndpoint {
  const podSubnet = canonicalSubnet(node.podSubnet);
  return { name: node.name, address: node.address, podSubnet, mac: vxlanMac(node.address), vtep: vtepAddress(podSubnet) };
}

/** Builds one host's overlay state from the cluster's nodes; the same inputs always give the same state. */
export function buildOverlayState(request: OverlayStateRequest): OverlayState {
  const endpoints = request.nodes.map(overlayEndpoint);
  const self = endpoints.find((endpoint) => endpoint.name === request.self);
  if (self === undefined) throw new NetworkConfigError(`${request.self} is not among the overlay's nodes (${request.nodes.map((node) => node.name).join(', ')})`);
  checkUnique(endpoints, 'address');
  checkUnique(endpoints, 'podSubnet');
  const peers = endpoints.filter((endpoint) => endpoint !== self).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    device: OVERLAY_DEVICE,
    vni: request.settings.vni,
    port: request.settings.port,
    mtu: request.settings.mtu,
    clusterSubnet: canonicalSubnet(request.clusterSubnet),
    serviceSubnet: canonicalSubnet(request.serviceSubnet),
    self,
    peers,
  };
}

function checkUnique(endpoints: readonly OverlayEndpoint[], key: 'address' | 'podSubnet'): void {
  const seen = new Map<string, string>();
  for (const endpoint of endpoints) {
    const other = seen.get(endpoint[key]);
    if (other !== undefined) {
      throw new NetworkConfigError(`${other} and ${endpoint.name} have the same ${key === 'address' ? 'internal address' : 'pod subnet'} ${endpoint[key]}`, {
        hint: key === 'address' ? "Give every host its own internalAddress in the inventory." : 'Pod subnets come from assignPodSubnets, which never hands one out twice.',
      });
    }
    seen.set(endpoint[key], endpoint.name);
  }
}
