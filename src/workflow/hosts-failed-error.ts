import { KitError } from '../errors/kit-error.ts';

export interface HostFailure {
  readonly host: string;
  readonly error: unknown;
}

const RERUN_HINT = 'Each host\'s own error is listed above; fix those hosts and re-run: what already finished is not redone.';

/** Some hosts failed a step; the others finished. Keeps each failure typed, not flattened. */
export class HostsFailedError extends KitError {
  readonly failures: readonly HostFailure[];

  constructor(step: string, failures: readonly HostFailure[], hint = RERUN_HINT) {
    const names = failures.map((failure) => failure.host).join(', ');
    super('HOSTS_FAILED', `${step} failed on ${failures.length} host(s): ${names}`, { hint });
    this.failures = failures;
  }
}
