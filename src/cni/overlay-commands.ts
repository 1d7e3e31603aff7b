import type { OverlayEndpoint, OverlayState } from './overlay-state.ts';

/**
 * The exact iproute2 commands that build the overlay, as argv lists for Host.exec. Each is
 * idempotent (`replace`), so re-running one after a partial failure is safe.
 */
export type Argv = readonly string[];

/** Creates kit.vxlan; only valid when the device does not exist (VNI, port and local address cannot be changed in place). */
export function createDeviceCommand(state: OverlayState): Argv {
  return [
    'ip', 'link', 'add', state.device, 'type', 'vxlan', 'id', String(state.vni), 'local', state.self.address,
    'dstport', String(state.port), 'nolearning',
  ];
}

export function deleteDeviceCommand(device: string): Argv {
  return ['ip', 'link', 'del', 'dev', device];
}

/** The settings `ip link set` can change on a live device, and the VTEP address. */
export function configureDeviceCommands(state: OverlayState): Argv[] {
  return [
    ['ip', 'link', 'set', 'dev', state.device, 'address', state.self.mac, 'mtu', String(state.mtu), 'up'],
    ['ip', 'addr', 'replace', `${state.self.vtep}/32`, 'dev', state.device],
  ];
}

/**
 * One peer = three entries: the FDB says which underlay IP owns the peer's MAC, the permanent
 * neighbour maps the peer's VTEP to that MAC (no ARP over the overlay: `nolearning`), and the
 * onlink route sends the peer's pod subnet to its VTEP. `fdb replace` rather than `append`: with
 * one MAC per peer there is exactly one destination, and replace also moves an existing entry.
 */
export function fdbAddCommand(device: string, peer: Pick<OverlayEndpoint, 'mac' | 'address'>): Argv {
  return ['bridge', 'fdb', 'replace', peer.mac, 'dev', device, 'dst', peer.address, 'self', 'permanent'];
}

export function neighbourAddCommand(device: string, peer: Pick<OverlayEndpoint, 'mac' | 'vtep'>): Argv {
  return ['ip', 'neigh', 'replace', peer.vtep, 'lladdr', peer.mac, 'dev', device, 'nud', 'permanent'];
}

export function routeAddCommand(device: string, peer: Pick<OverlayEndpoint, 'podSubnet' | 'vtep'>): Argv {
  return ['ip', 'route', 'replace', peer.podSubnet, 'via', peer.vtep, 'dev', device, 'onlink'];
}

export function fdbDeleteCommand(device: string, entry: { readonly mac: string; readonly dst: string }): Argv {
  return ['bridge', 'fdb', 'del', entry.mac, 'dev', device, 'dst', entry.dst, 'self'];
}

export function neighbourDeleteCommand(device: string, ip: string): Argv {
  return ['ip', 'neigh', 'del', ip, 'dev', device];
}

export function routeDeleteCommand(device: string, dst: string): Argv {
  return ['ip', 'route', 'del', dst, 'dev', device];
}

/** The commands that add one peer, in an order that never routes to an unresolvable VTEP. */
export function peerAddCommands(device: string, peer: OverlayEndpoint): Argv[] {
  return [fdbAddCommand(device, peer), neighbourAddCommand(device, peer), routeAddCommand(device, peer)];
}

/** Every command that builds the device and all peers from nothing (what overlay-up.sh does at boot). */
export function fullOverlayCommands(state: OverlayState): Argv[] {
  return [createDeviceCommand(state), ...configureDeviceCommands(state), ...state.peers.flatMap((peer) => peerAddCommands(state.device, peer))];
}

/** Read-only commands whose output the parsers in overlay-parsers.ts read. */
export function inspectCommands(device: string): { readonly link: Argv; readonly addresses: Argv; readonly fdb: Argv; readonly neighbours: Argv; readonly routes: Argv } {
  return {
    link: ['ip', '-d', 'link', 'show', 'dev', device],
    addresses: ['ip', '-4', '-o', 'addr', 'show', 'dev', device],
    fdb: ['bridge', 'fdb', 'show', 'dev', device],
    neighbours: ['ip', 'neigh', 'show', 'dev', device],
    routes: ['ip', 'route', 'show', 'dev', device],
  };
}
