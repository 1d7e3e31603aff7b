import type { DaemonName } from '../bootstrap/daemons.ts';
import { unitName } from '../bootstrap/daemons.ts';
import { DEFAULT_HEALTH_TIMEOUT_MS, nodeHasKubectl, waitForDaemonHealth } from '../bootstrap/health/wait-for-health.ts';
import { restartUnit } from '../bootstrap/install/systemctl.ts';
import { readUnitStates } from '../bootstrap/install/unit-state.ts';
import type { ClusterSpec, NodeSpec } from '../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../host/host.ts';

export interface RestartRequest {
  readonly host: Host;
  readonly daemon: DaemonName;
  readonly signal?: AbortSignal;
}

export interface RestartOutcome {
  readonly daemon: DaemonName;
  /** `skipped`: no such unit, or stopped and disabled: it reads the new files whenever it starts. */
  readonly action: 'restarted' | 'skipped';
  /** From the restart command until every health check passed. */
  readonly healthyAfterMs?: number;
}

/** Restarts one daemon on one host and resolves once it is healthy again (or says it does not run there). */
export interface DaemonRestarter {
  restart(request: RestartRequest): Promise<RestartOutcome>;
}

export interface BootstrapRestarterOptions {
  readonly cluster: ClusterSpec;
  /** The node behind a host name; the health probes use its address. */
  readonly nodeOf: (name: string) => NodeSpec;
  /** Default: bootstrap's DEFAULT_HEALTH_TIMEOUT_MS. */
  readonly healthTimeoutMs?: number;
}

/**
 * bootstrap's own restart and health wait (`restartUnit`, `waitForDaemonHealth`): the same
 * probes, give-up rules and DaemonUnhealthyError (journal tail, likely fix) as `kit apply`.
 */
export function bootstrapRestarter(options: BootstrapRestarterOptions): DaemonRestarter {
  const timeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  return {
    async restart({ host, daemon, signal }) {
      const signalOption = signal === undefined ? {} : { signal };
      const unit = unitName(daemon);
      const state = (await readUnitStates(host, [unit], signal)).get(unit);
      if (state === undefined || !state.loaded || (state.activeState === 'inactive' && !state.enabled)) return { daemon, action: 'skipped' };
      const started = Date.now();
      await restartUnit(host, unit, { timeoutMs, ...signalOption });
      const hasKubectl = await nodeHasKubectl(host, options.cluster.binDir, signal);
      await waitForDaemonHealth({ host, cluster: options.cluster, node: options.nodeOf(host.name), hasKubectl }, daemon, { timeoutMs, ...signalOption });
      return { daemon, action: 'restarted', healthyAfterMs: Date.now() - started };
    },
  };
}
