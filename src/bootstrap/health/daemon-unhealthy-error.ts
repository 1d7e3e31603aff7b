import { KitError } from '../../errors/kit-error.ts';
import type { DaemonName } from '../daemons.ts';
import { unitName } from '../daemons.ts';

const CODE = 'DAEMON_UNHEALTHY';

export interface DaemonFailure {
  readonly host: string;
  readonly daemon: DaemonName;
  /** Why kit gave up: the timeout, or a state no wait can change. */
  readonly reason: string;
  /** `active (running)`, `activating (auto-restart)`, ... */
  readonly unitState: string;
  /** What the last health probe saw. */
  readonly lastProbe: string;
  /** The last lines of `journalctl -u <unit>`. */
  readonly journal: string;
  /** An earlier log line that tells the cause (a flag error above the usage text), if found. */
  readonly keyLine?: string;
  readonly hint: string;
}

/** A daemon did not become healthy on a host: names both, shows its last log lines and the likely fix. */
export class DaemonUnhealthyError extends KitError {
  readonly failure: DaemonFailure;

  constructor(failure: DaemonFailure) {
    const journal = failure.journal.trim() === '' ? '' : `\n  last lines of journalctl -u ${unitName(failure.daemon)}:\n${indent(failure.journal.trim())}`;
    const key = failure.keyLine === undefined || failure.journal.includes(failure.keyLine) ? '' : `\n  the line that tells why:\n${indent(failure.keyLine)}`;
    super(
      CODE,
      `${failure.host}: ${unitName(failure.daemon)} is not healthy: ${failure.reason} (unit ${failure.unitState}; last check ${failure.lastProbe})${key}${journal}`,
      { hint: failure.hint },
    );
    this.failure = failure;
  }
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
