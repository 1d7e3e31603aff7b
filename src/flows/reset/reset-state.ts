import type { EtcdAnchor } from '../../bootstrap/etcd/etcd-membership.ts';
import type { EtcdMember } from '../../bootstrap/etcd/etcd-members.ts';
import type { ClusterOverlayPlan } from '../../cni/overlay-cluster.ts';
import type { Host } from '../../host/host.ts';
import type { HostPool } from '../../host/host-pool.ts';
import type { Inventory, InventoryHost } from '../../inventory/inventory.ts';
import type { Footprint } from '../../reset/footprint.ts';
import type { HostResetPlan } from '../../reset/reset-plan.ts';
import type { HostFailure } from '../../workflow/hosts-failed-error.ts';
import type { ApiVia } from '../../reset/drain-node.ts';

/** What every phase of `kit reset` reads, and what earlier phases found for later ones. */
export interface ResetState {
  readonly inventory: Inventory;
  readonly pool: HostPool;
  /** `all`: every host, the cluster goes; `node`: one host leaves a cluster that stays. */
  readonly scope: 'all' | 'node';
  /** The hosts to clean. */
  readonly targets: readonly string[];
  /** Go on where etcd would lose its quorum (the consequence is logged). */
  readonly force: boolean;
  readonly footprint: Footprint;
  readonly computed: ResetComputed;
}

export interface ResetComputed {
  /** A control plane that stays, through which kit reaches the API (node scope). */
  api?: ApiVia;
  /** The target's Node exists in the API: drain it and delete it. */
  nodeInApi?: boolean;
  etcd?: { readonly anchor: EtcdAnchor; readonly member: EtcdMember };
  plans?: Map<string, HostResetPlan>;
  /** Hosts whose state could not even be read (unreachable): reported at the end, the others go on. */
  unreadable: HostFailure[];
  overlay?: ClusterOverlayPlan;
}

export function resetHost(state: ResetState, name: string): InventoryHost {
  const host = state.inventory.hosts.find((candidate) => candidate.name === name);
  if (host === undefined) throw new RangeError(`no host ${name} in the inventory`);
  return host;
}

export function connectReset(state: ResetState, name: string): Promise<Host> {
  return state.pool.connect(resetHost(state, name).ssh);
}

/** Hosts that stay in the cluster (node scope); none when the whole cluster is reset. */
export function remainingHosts(state: ResetState): readonly InventoryHost[] {
  if (state.scope === 'all') return [];
  return state.inventory.hosts.filter((host) => !state.targets.includes(host.name));
}
