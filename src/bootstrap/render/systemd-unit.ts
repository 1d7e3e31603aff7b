import type { Flag } from '../versions/version-table.ts';
import { renderExecStart } from './exec-start.ts';
import { MARKER_LINE } from './managed-marker.ts';

export interface SystemdUnitSpec {
  readonly description: string;
  /** Units this one starts after (ordering only). */
  readonly after: readonly string[];
  /** Units pulled in with this one (no ordering by itself, hence usually also in `after`). */
  readonly wants: readonly string[];
  /** `notify` when the daemon tells systemd it is ready (etcd), so `After=` means "after it serves". */
  readonly type: 'simple' | 'notify';
  readonly binary: string;
  /** Arguments that are not `--name=value` flags, placed right after the binary. */
  readonly args?: readonly string[];
  readonly flags: readonly Flag[];
  /** Seconds between restarts. */
  readonly restartSec: number;
  /** Extra `[Service]` lines, e.g. `TimeoutStartSec=…`. */
  readonly serviceExtras?: readonly string[];
}

/** Enough for etcd's and the API server's connections; systemd clamps it where the host allows less. */
export const LIMIT_NOFILE = 1048576;

/**
 * A service unit as kit writes every one: restarted forever (`StartLimitIntervalSec=0` stops
 * systemd from giving up after a burst of failures while a dependency is still coming up),
 * started at boot by multi-user.target.
 */
export function renderSystemdUnit(spec: SystemdUnitSpec): string {
  const unit = [
    '[Unit]',
    `Description=${spec.description}`,
    ...listLine('After', spec.after),
    ...listLine('Wants', spec.wants),
    'StartLimitIntervalSec=0',
  ];
  const service = [
    '[Service]',
    `Type=${spec.type}`,
    `ExecStart=${renderExecStart(spec.binary, spec.flags, spec.args)}`,
    'Restart=always',
    `RestartSec=${spec.restartSec}`,
    `LimitNOFILE=${LIMIT_NOFILE}`,
    ...(spec.serviceExtras ?? []),
  ];
  const install = ['[Install]', 'WantedBy=multi-user.target'];
  return [MARKER_LINE, ...unit, '', ...service, '', ...install, ''].join('\n');
}

function listLine(key: string, units: readonly string[]): string[] {
  return units.length === 0 ? [] : [`${key}=${units.join(' ')}`];
}
