import { KitError } from '../errors/kit-error.ts';

export interface HostFailure {
  readonly host: string;
  readonly error: unknown;
}

/** Some hosts failed a step; the others finished. Keeps each failure typed, not flattened. */
export class HostsFailedError extends KitError {
  readonly failures: readonly HostFailure[];

  constructor(step: string, failures: readonly HostFailure[]) {
    const names = failures.map((failure) => failure.host).join(', ');
    super('HOSTS_FAILED', `${step} failed on ${failures.length} host(s): ${names}`, {
      hint: 'Each host\'s own error is listed below; fix those hosts and re-run: hosts that finished are skipped.',
    });
    this.failures = failures;
  }
}
