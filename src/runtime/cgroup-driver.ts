/** What the kubelet and containerd use to create pods' cgroups; both must agree. */
export type CgroupDriver = 'systemd' | 'cgroupfs';

export interface CgroupDriverFacts {
  /** 2 when /sys/fs/cgroup is cgroup2fs (unified), 1 for v1 or hybrid, undefined when unknown. */
  readonly cgroupVersion: 1 | 2 | undefined;
  /** The name of PID 1 (/proc/1/comm). */
  readonly pid1: string | undefined;
  /** v1 only: systemd has its slices in the resource controllers (e.g. memory/system.slice). */
  readonly systemdInV1Controllers: boolean;
}

export interface CgroupDriverChoice {
  readonly driver: CgroupDriver;
  readonly reason: string;
}

/**
 * The rule (docs/runtime.md): systemd only when systemd is PID 1 *and* owns the hierarchy the
 * kubelet would ask it to manage — always so on cgroup v2; on v1 only when systemd's slices
 * appear in the resource controllers (a container host with read-only controllers has systemd
 * in name=systemd alone, and transient units would lack CPU and memory limits). Everything
 * else gets cgroupfs, where the kubelet writes the cgroup files itself.
 */
export function chooseCgroupDriver(facts: CgroupDriverFacts): CgroupDriverChoice {
  if (facts.pid1 !== 'systemd') {
    return { driver: 'cgroupfs', reason: `PID 1 is ${facts.pid1 ?? 'unknown'}, not systemd: there is no systemd to create cgroups` };
  }
  if (facts.cgroupVersion === 2) return { driver: 'systemd', reason: 'cgroup v2 with systemd as PID 1: systemd owns the hierarchy' };
  if (facts.cgroupVersion === undefined) return { driver: 'cgroupfs', reason: 'the cgroup version could not be read' };
  if (facts.systemdInV1Controllers) return { driver: 'systemd', reason: 'cgroup v1 with systemd managing the resource controllers' };
  return { driver: 'cgroupfs', reason: 'cgroup v1 where systemd does not manage the resource controllers (only name=systemd)' };
}
