import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import { unitName } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import { DEFAULT_HEALTH_TIMEOUT_MS, waitForDaemonHealth } from '../health/wait-for-health.ts';
import type { DaemonTarget } from '../health/wait-for-health.ts';
import type { DaemonStep } from './converge-node.ts';
import { restartUnit } from './systemctl.ts';

export interface RollingRestartOptions {
  /** In order; typically the control planes. */
  readonly targets: readonly DaemonTarget[];
  /** Restarted in this order on each host, each healthy before the next. */
  readonly daemons: readonly DaemonName[];
  readonly healthTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Restarts daemons one host at a time (after new certificates, say): a host is done only when
 * each restarted daemon is healthy, and a failure stops the roll before the next host.
 */
export async function rollingRestart(options: RollingRestartOptions): Promise<DaemonStep[]> {
  const steps: DaemonStep[] = [];
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const timeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  for (const target of options.targets) {
    try {
      for (const daemon of options.daemons) {
        const startedAt = Date.now();
        await restartUnit(target.host, unitName(daemon), { timeoutMs, ...signal });
        await waitForDaemonHealth(target, daemon, { timeoutMs, ...signal });
        steps.push({ host: target.host.name, daemon, action: 'restart', startedAt, healthyAt: Date.now() });
      }
    } catch (error) {
      throw new HostsFailedError(`rolling restart of ${options.daemons.join(', ')}`, [{ host: target.host.name, error }],
        'The hosts after the failed one were not restarted: fix the failed host (its error is above) and run again.');
    }
  }
  return steps;
}
