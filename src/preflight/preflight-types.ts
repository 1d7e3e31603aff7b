/** A host's role in the cluster: decides which checks and ports apply to it. */
export type PreflightRole = 'control-plane' | 'worker';

/** What preflight needs to know about one inventory host (its spec, not its connection). */
export interface PreflightNode {
  /** The inventory name: the node name the cluster will use. */
  readonly name: string;
  /** The address the nodes use to talk to each other (pings, probes, listeners). */
  readonly internalAddress: string;
  readonly roles: readonly PreflightRole[];
}

/** `ok` passed; `warn` worth a look but not blocking; `error` blocks; `skipped` could not be judged. */
export type CheckStatus = 'ok' | 'warn' | 'error' | 'skipped';

/** What one check says about one host, pair or the whole cluster. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** What was found, with the numbers. */
  readonly message: string;
  /** How to fix it: the command to run or the file to change. Absent when status is ok. */
  readonly fix?: string;
}

/** A check's outcome with its name (kubeadm-compatible where kubeadm has one). */
export interface CheckResult extends CheckOutcome {
  readonly name: string;
  /** True when this was an error that `ignorePreflightErrors` lowered to a warning. */
  readonly ignored?: boolean;
}
