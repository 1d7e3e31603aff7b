import { unitName } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import { removedFlags } from '../versions/flag-history.ts';
import type { SupportedMinor } from '../versions/version-table.ts';
import { RemovedFlagError } from './removed-flag-error.ts';
import { renderSystemdUnit } from './systemd-unit.ts';
import type { SystemdUnitSpec } from './systemd-unit.ts';

export interface DaemonUnitSpec extends Omit<SystemdUnitSpec, 'binary'> {
  readonly daemon: DaemonName;
  readonly minor: SupportedMinor;
  /** Directory of the binary; the binary is named after the daemon unless `binary` says otherwise. */
  readonly binDir: string;
  readonly binary?: string;
}

/** A daemon's unit, refusing any flag its Kubernetes minor has removed (see FLAG_HISTORY). */
export function renderDaemonUnit(spec: DaemonUnitSpec): string {
  const removed = removedFlags(spec.daemon, spec.minor);
  for (const [name] of spec.flags) {
    const row = removed.find((candidate) => candidate.flag === name);
    if (row !== undefined) throw new RemovedFlagError(unitName(spec.daemon), name, spec.minor, row.removedIn);
  }
  return renderSystemdUnit({
    description: spec.description,
    after: spec.after,
    wants: spec.wants,
    type: spec.type,
    binary: spec.binary ?? `${spec.binDir}/${spec.daemon}`,
    ...(spec.args === undefined ? {} : { args: spec.args }),
    flags: spec.flags,
    restartSec: spec.restartSec,
    ...(spec.serviceExtras === undefined ? {} : { serviceExtras: spec.serviceExtras }),
  });
}
