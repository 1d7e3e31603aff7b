import type { Host } from '../../host/host.ts';
import { isStartedOrStarting, readUnitStates } from './unit-state.ts';

export interface SystemctlOptions {
  readonly signal?: AbortSignal;
}

export interface EnableAndStartResult {
  /** Units that were not enabled before. */
  readonly enabled: readonly string[];
  /** Units that were neither running nor starting, and were started. */
  readonly started: readonly string[];
}

/** After a unit file changed: systemd reads units only when told to. */
export async function daemonReload(host: Host, options: SystemctlOptions = {}): Promise<void> {
  await host.exec(['systemctl', 'daemon-reload'], signalOf(options));
}

/**
 * Enables the units that are not enabled and starts the ones not running, touching nothing
 * else: a re-run enables and starts nothing. Starts do not wait (`--no-block`): a member of a
 * new etcd cluster reports ready only once a quorum runs, so the health waits decide instead.
 */
export async function enableAndStart(host: Host, units: readonly string[], options: SystemctlOptions = {}): Promise<EnableAndStartResult> {
  const states = await readUnitStates(host, units, options.signal);
  const enable = units.filter((unit) => states.get(unit)?.enabled !== true);
  const start = units.filter((unit) => {
    const state = states.get(unit);
    return state === undefined || !isStartedOrStarting(state);
  });
  if (enable.length > 0) await host.exec(['systemctl', 'enable', '--quiet', '--', ...enable], signalOf(options));
  if (start.length > 0) await host.exec(['systemctl', 'start', '--no-block', '--', ...start], signalOf(options));
  return { enabled: enable, started: start };
}

/**
 * Restarts one unit and returns once the old process is gone and the new one started (for
 * Type=notify units: once it reported ready). The caller still waits for health.
 */
export async function restartUnit(host: Host, unit: string, options: SystemctlOptions & { readonly timeoutMs: number }): Promise<void> {
  await host.exec(['systemctl', 'restart', '--', unit], { timeoutMs: options.timeoutMs, ...signalOf(options) });
}

/** Runs the unit's ExecReload (haproxy: re-reads its config without dropping connections). */
export async function reloadUnit(host: Host, unit: string, options: SystemctlOptions = {}): Promise<void> {
  await host.exec(['systemctl', 'reload', '--', unit], signalOf(options));
}

function signalOf(options: SystemctlOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
