import type { Host } from '../host/host.ts';
import type { HostPool } from '../host/host-pool.ts';
import type { Inventory, InventoryHost } from '../inventory/inventory.ts';
import type { HostArtifacts } from '../artifacts/host-artifacts.ts';
import type { Pki } from '../certs/pki.ts';
import type { ClusterOverlayPlan } from '../cni/overlay-cluster.ts';
import type { RuntimePlan } from '../runtime/runtime-plan.ts';
import type { IgnoreList } from '../preflight/ignore-errors.ts';
import type { EtcdStart } from '../bootstrap/etcd/etcd-host-state.ts';
import type { NodeSpec } from '../bootstrap/spec/cluster-spec.ts';
import type { DaemonName } from '../bootstrap/daemons.ts';

/** What every phase of a cluster flow reads: the inventory, the connections, the run's choices. */
export interface FlowState {
  readonly inventory: Inventory;
  readonly pool: HostPool;
  readonly ignorePreflightErrors: IgnoreList;
  /**
   * `--pki-dir`: files found there are used (bring-your-own or external CA, or an earlier
   * export); the PKI the run ends with is written back there. Absent: no key touches this disk.
   */
  readonly pkiDir?: string;
  /** `kit join --host`: the only nodes whose daemons the control-plane and join phases touch. */
  readonly nodeScope?: ReadonlySet<string>;
  /** What earlier phases of this run computed for later ones (the PKI in memory). */
  readonly computed: ComputedState;
}

export interface ComputedState {
  pki?: Pki;
  overlay?: ClusterOverlayPlan;
  /** Per host: the verified files and images it gets. */
  artifacts?: ReadonlyMap<string, HostArtifacts>;
  /** Per host: the containerd files and steps that make it right. */
  runtime?: ReadonlyMap<string, RuntimePlan>;
  /** Per host: its kubelet's view (facts read once per run). */
  nodes?: Map<string, NodeSpec>;
  /** Per control plane: how its etcd member started (what its unit must keep saying). */
  etcd?: Map<string, EtcdStart>;
  /** Per host: files earlier phases of this run changed; the daemons that read them restart. */
  changedPaths: Map<string, string[]>;
  /** Per host: daemons a phase of this run started after changedPaths were written. */
  freshDaemons: Map<string, DaemonName[]>;
  /** A daemon phase started, restarted or rewrote something: verification then also checks pods. */
  daemonsChanged?: boolean;
}

/** Remembers files a phase changed on a host, for the daemon phases' restarts. */
export function noteChangedPaths(state: FlowState, host: string, paths: readonly string[]): void {
  if (paths.length === 0) return;
  state.computed.changedPaths.set(host, [...(state.computed.changedPaths.get(host) ?? []), ...paths]);
}

/** Whether the daemon phases may touch this node in this run. */
export function inNodeScope(state: FlowState, name: string): boolean {
  return state.nodeScope === undefined || state.nodeScope.has(name);
}

export function controlPlaneNames(state: FlowState): readonly string[] {
  return state.inventory.hosts.filter((host) => host.roles.includes('control-plane')).map((host) => host.name);
}

export function workerNames(state: FlowState): readonly string[] {
  return state.inventory.hosts.filter((host) => !host.roles.includes('control-plane')).map((host) => host.name);
}

export function hostNames(state: FlowState): readonly string[] {
  return state.inventory.hosts.map((host) => host.name);
}

export function inventoryHost(state: FlowState, name: string): InventoryHost {
  const host = state.inventory.hosts.find((candidate) => candidate.name === name);
  if (host === undefined) throw new RangeError(`no host ${name} in the inventory`);
  return host;
}

/** The host's shared SSH connection (opened on first use). */
export function connect(state: FlowState, name: string): Promise<Host> {
  return state.pool.connect(inventoryHost(state, name).ssh);
}
