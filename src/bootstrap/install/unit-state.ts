import type { Host } from '../../host/host.ts';

/** What kit reads of a systemd unit to decide whether to start it and to prove it was not restarted. */
export interface UnitState {
  readonly unit: string;
  /** False when systemd has no such unit (or cannot parse it). */
  readonly loaded: boolean;
  /** `active`, `activating`, `inactive`, `failed`, `deactivating`, `reloading`. */
  readonly activeState: string;
  /** e.g. `running`, `auto-restart`, `start`, `dead`. */
  readonly subState: string;
  /** `systemctl enable` was done (the unit starts at boot). */
  readonly enabled: boolean;
  /** 0 while no process runs. */
  readonly mainPid: number;
  /** When the unit last became active, as systemd prints it; empty if never. */
  readonly activeEnterTimestamp: string;
  /** Changes at every start: the surest sign a unit was (re)started. */
  readonly invocationId: string;
  /** Automatic restarts (Restart=always) since the unit was last started by hand. */
  readonly restarts: number;
  /** A start or stop job is queued (a start waiting behind its `After=` units). */
  readonly jobQueued: boolean;
}

const PROPERTIES = ['Id', 'LoadState', 'ActiveState', 'SubState', 'UnitFileState', 'MainPID', 'ActiveEnterTimestamp', 'InvocationID', 'NRestarts', 'Job'];

export function unitStateCommand(units: readonly string[]): string[] {
  return ['systemctl', 'show', `--property=${PROPERTIES.join(',')}`, '--', ...units];
}

/**
 * `systemctl show` prints one block of `Key=value` lines per unit, blocks separated by an
 * empty line, in the order asked. Blocks are matched by their `Id`, not by position.
 */
export function parseUnitStates(stdout: string, units: readonly string[]): Map<string, UnitState> {
  const blocks = stdout.split(/\n\s*\n/u).map(parseBlock);
  const states = new Map<string, UnitState>();
  for (const [index, unit] of units.entries()) {
    const block = blocks.find((candidate) => candidate.get('Id') === unit) ?? blocks[index] ?? new Map<string, string>();
    states.set(unit, {
      unit,
      loaded: block.get('LoadState') === 'loaded',
      activeState: block.get('ActiveState') ?? 'unknown',
      subState: block.get('SubState') ?? 'unknown',
      enabled: block.get('UnitFileState') === 'enabled',
      mainPid: Number(block.get('MainPID') ?? 0) || 0,
      activeEnterTimestamp: block.get('ActiveEnterTimestamp') ?? '',
      invocationId: block.get('InvocationID') ?? '',
      restarts: Number(block.get('NRestarts') ?? 0) || 0,
      jobQueued: (block.get('Job') ?? '') !== '',
    });
  }
  return states;
}

function parseBlock(text: string): Map<string, string> {
  const block = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) block.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return block;
}

export async function readUnitStates(host: Host, units: readonly string[], signal?: AbortSignal): Promise<Map<string, UnitState>> {
  if (units.length === 0) return new Map();
  const result = await host.exec(unitStateCommand(units), signal === undefined ? {} : { signal });
  return parseUnitStates(result.stdout, units);
}

/** Running or on its way there (Restart=always's pause between attempts, a start job still queued). */
export function isStartedOrStarting(state: UnitState): boolean {
  return state.activeState === 'active' || state.activeState === 'activating' || state.activeState === 'reloading' || state.jobQueued;
}
