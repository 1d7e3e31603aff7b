import {
  fdbAddCommand, fdbDeleteCommand, neighbourAddCommand, neighbourDeleteCommand, routeAddCommand, routeDeleteCommand,
} from './overlay-commands.ts';
import type { Argv } from './overlay-commands.ts';
import type { FdbEntry, NeighbourEntry, RouteEntry } from './overlay-parsers.ts';
import type { OverlayEndpoint } from './overlay-state.ts';

/** What the kernel has on kit.vxlan now, as parsed by overlay-parsers.ts. */
export interface OverlayEntries {
  readonly fdb: readonly FdbEntry[];
  readonly neighbours: readonly NeighbourEntry[];
  readonly routes: readonly RouteEntry[];
}

export interface PeerDiff {
  /** Deletions first (routes, neighbours, FDB), then additions per peer (FDB, neighbour, route). */
  readonly commands: readonly Argv[];
  /** One line per change, for the plan and dry-run. */
  readonly changes: readonly string[];
}

/**
 * The commands that turn the entries on the device into exactly the desired peers' entries.
 * Entries that are already right produce no command, so a peer that did not change is never
 * touched (its traffic does not blip); entries kit did not make are left alone — dynamic
 * neighbours, FDB entries without a remote.
 */
export function diffOverlayPeers(device: string, desired: readonly OverlayEndpoint[], current: OverlayEntries): PeerDiff {
  const removals = staleEntries(device, desired, current);
  const repairs = desired.map((peer) => peerRepair(device, peer, current)).filter((repair) => repair.argvs.length > 0);
  return {
    commands: [...removals.map((change) => change.argv), ...repairs.flatMap((repair) => repair.argvs)],
    changes: [...removals.map((change) => change.what), ...repairs.map((repair) => repair.what)],
  };
}

interface Change {
  readonly argv: Argv;
  readonly what: string;
}

function staleEntries(device: string, desired: readonly OverlayEndpoint[], current: OverlayEntries): Change[] {
  const routes = current.routes
    .filter((route) => !desired.some((peer) => peer.podSubnet === route.dst))
    .map((route) => ({ argv: routeDeleteCommand(device, route.dst), what: `remove route ${route.dst}${route.via === undefined ? '' : ` via ${route.via}`} (no node has that pod subnet now)` }));
  const neighbours = current.neighbours
    .filter((entry) => entry.states.includes('PERMANENT') && !desired.some((peer) => peer.vtep === entry.ip))
    .map((entry) => ({ argv: neighbourDeleteCommand(device, entry.ip), what: `remove neighbour ${entry.ip} (no node has that VTEP now)` }));
  const fdb = current.fdb
    .filter((entry): entry is FdbEntry & { dst: string } => entry.dst !== undefined)
    .filter((entry) => !desired.some((peer) => peer.mac === entry.mac && peer.address === entry.dst))
    .map((entry) => ({ argv: fdbDeleteCommand(device, entry), what: `remove FDB ${entry.mac} dst ${entry.dst} (no node at that address has that MAC now)` }));
  return [...routes, ...neighbours, ...fdb];
}

function peerRepair(device: string, peer: OverlayEndpoint, current: OverlayEntries): { argvs: Argv[]; what: string } {
  const hasFdb = current.fdb.some((entry) => entry.mac === peer.mac && entry.dst === peer.address);
  const neighbour = current.neighbours.find((entry) => entry.ip === peer.vtep);
  const hasNeighbour = neighbour?.mac === peer.mac && neighbour.states.includes('PERMANENT');
  const route = current.routes.find((entry) => entry.dst === peer.podSubnet);
  const hasRoute = route?.via === peer.vtep && route.onlink;
  const parts = [
    { present: hasFdb, word: 'FDB', argv: fdbAddCommand(device, peer) },
    { present: hasNeighbour, word: 'neighbour', argv: neighbourAddCommand(device, peer) },
    { present: hasRoute, word: 'route', argv: routeAddCommand(device, peer) },
  ].filter((part) => !part.present);
  const target = `${peer.name} (${peer.address}, pods ${peer.podSubnet})`;
  const what = parts.length === 3 ? `add peer ${target}` : `repair ${parts.map((part) => part.word).join(', ')} of peer ${target}`;
  return { argvs: parts.map((part) => part.argv), what };
}
