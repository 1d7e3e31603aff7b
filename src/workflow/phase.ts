import type { RunEventSink } from './run-events.ts';

/** What a phase would change on one host (or `CLUSTER` for cluster-wide changes), in words. */
export type PhasePlan = ReadonlyMap<string, readonly string[]>;

/** The key under which a phase lists changes that belong to no single host. */
export const CLUSTER = '(cluster)';

export interface RunOptions {
  readonly dryRun: boolean;
  /** At most this many hosts are worked on at once. */
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly emit: RunEventSink;
}

/** Per-run state every phase sees: options plus the hosts still in the running. */
export interface PhaseContext {
  readonly options: RunOptions;
  /** Hosts that failed an earlier phase: later phases leave them (and what needs them) alone. */
  readonly failedHosts: ReadonlySet<string>;
  log(message: string, host?: string): void;
  /** How far a long step on one host got (a progress bar on a TTY). */
  progress(host: string, done: number, total: number, detail: string): void;
}

/**
 * One step of a flow. `plan` only reads; an empty plan skips the phase; `apply` makes the
 * planned changes and must be idempotent, so a killed run can simply be re-run.
 */
export interface Phase<S> {
  readonly name: string;
  readonly title: string;
  /** A check that changes nothing (preflight): it runs in dry runs too, whatever its plan. */
  readonly readOnly?: boolean;
  /** Names of the hosts this phase works on, given the flow's state. */
  hosts(state: S): readonly string[];
  plan(state: S, context: PhaseContext): Promise<PhasePlan>;
  /**
   * Makes the changes. Per-host failures are thrown as HostsFailedError so the runner can
   * keep the other hosts going; any other error stops the flow.
   */
  apply(state: S, plan: PhasePlan, context: PhaseContext): Promise<void>;
}
