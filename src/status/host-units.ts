import type { DaemonName } from '../bootstrap/daemons.ts';
import { describeProbeResult, healthProbes, probePassed, PROBE_REQUEST_SECONDS } from '../bootstrap/health/health-probe.ts';
import { nodeHasKubectl } from '../bootstrap/health/wait-for-health.ts';
import { readUnitStates } from '../bootstrap/install/unit-state.ts';
import type { UnitState } from '../bootstrap/install/unit-state.ts';
import { DEFAULT_CRI_SOCKET, DEFAULT_RESOLV_CONF } from '../bootstrap/spec/cluster-spec.ts';
import type { ClusterSpec, NodeRole, NodeSpec } from '../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../host/host.ts';
import type { ExpectedUnit } from './expected-units.ts';
import type { UnitStatus } from './status-types.ts';

const EVERY_EXIT_CODE = Array.from({ length: 256 }, (_, code) => code);

export interface HostUnitsInput {
  readonly host: Host;
  readonly cluster: ClusterSpec;
  /** The node's internal address: where its API server and etcd listen. */
  readonly ip: string;
  readonly roles: readonly NodeRole[];
  readonly units: readonly ExpectedUnit[];
  readonly signal?: AbortSignal;
}

/**
 * One `systemctl show` for every unit, then one health probe round for each active daemon
 * (a single try, no waiting: status reports, it does not heal).
 */
export async function readHostUnits(input: HostUnitsInput): Promise<UnitStatus[]> {
  const signal = input.signal === undefined ? {} : { signal: input.signal };
  const names = input.units.map((unit) => `${unit.name}.service`);
  const [states, hasKubectl] = await Promise.all([
    readUnitStates(input.host, names, input.signal),
    nodeHasKubectl(input.host, input.cluster.binDir, input.signal),
  ]);
  return Promise.all(input.units.map(async (unit) => {
    const state = states.get(`${unit.name}.service`);
    const active = state?.loaded === true && state.activeState === 'active';
    const base = baseStatus(unit.name, state);
    if (!active || unit.daemon === undefined) return { ...base, health: 'skipped', up: active };
    const failed = await firstFailedProbe(input, unit.daemon, hasKubectl, signal);
    return failed === undefined ? { ...base, health: 'pass', up: true } : { ...base, health: 'fail', healthDetail: failed, up: false };
  }));
}

function baseStatus(name: string, state: UnitState | undefined): Pick<UnitStatus, 'name' | 'state' | 'subState' | 'restarts'> {
  if (state === undefined || !state.loaded) return { name, state: 'missing', subState: state?.subState ?? 'dead', restarts: 0 };
  return { name, state: state.activeState, subState: state.subState, restarts: state.restarts };
}

async function firstFailedProbe(input: HostUnitsInput, daemon: DaemonName, hasKubectl: boolean, signal: { signal?: AbortSignal }): Promise<string | undefined> {
  for (const probe of healthProbes(daemon, { cluster: input.cluster, node: probeNode(input), hasKubectl })) {
    const result = await input.host.exec(probe.argv, { allowedExitCodes: EVERY_EXIT_CODE, timeoutMs: (PROBE_REQUEST_SECONDS + 5) * 1000, ...signal });
    if (!probePassed(probe, result)) return describeProbeResult(probe, result);
  }
  return undefined;
}

/**
 * The node as the health probes read it: only its address and roles matter to them; the
 * runtime fields come from host facts that status does not gather, so they are placeholders.
 */
function probeNode(input: HostUnitsInput): NodeSpec {
  return {
    name: input.host.name, ip: input.ip, roles: input.roles, labels: {}, taints: [],
    cgroupDriver: 'systemd', cgroupVersion: 2, resolvConf: DEFAULT_RESOLV_CONF, criSocket: DEFAULT_CRI_SOCKET,
  };
}

