import type { ListenerStatus } from './network-plan.ts';
import type { MeshResult, TcpProbe } from './parse-network-round.ts';

/** A step that failed on a host: the message stands in for its result. */
export interface StepFailure {
  readonly failed: string;
}

/** Everything the network round saw, keyed by node name. Pair checks are pure functions of it. */
export interface NetworkObservations {
  readonly mesh: ReadonlyMap<string, MeshResult | StepFailure>;
  /** Per target host: `t:6443` → the state of the listener its peers probe. */
  readonly listeners: ReadonlyMap<string, ReadonlyMap<string, ListenerStatus>>;
  /** Per source host: `ADDRESS PORT` → connect result. */
  readonly probes: ReadonlyMap<string, ReadonlyMap<string, TcpProbe> | StepFailure>;
  /** Per target host: UDP port → tokens that arrived. */
  readonly received: ReadonlyMap<string, ReadonlyMap<number, ReadonlySet<string>> | StepFailure>;
  /** Hosts that have socat (needed to probe from them). */
  readonly socat: ReadonlySet<string>;
  /** The token a source sends over UDP: names the run and the source. */
  readonly tokenOf: (hostName: string) => string;
}

export function isFailure(value: unknown): value is StepFailure {
  return typeof value === 'object' && value !== null && 'failed' in value;
}
