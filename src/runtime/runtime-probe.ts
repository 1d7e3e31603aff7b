import type { CgroupDriverFacts } from './cgroup-driver.ts';

/**
 * One read-only round trip that tells how containerd must be configured on a host. The OOM
 * probe lowers oom_score_adj in a throwaway `sh` (the value dies with it): the kubelet asks for
 * -998 on pod sandboxes, and where lowering is forbidden (no CAP_SYS_RESOURCE, as in some
 * containers and VMs) runc fails unless containerd's restrict_oom_score_adj caps the request.
 */
export const OOM_PROBE = "echo -998 > /proc/self/oom_score_adj";

export function runtimeProbeCommand(): readonly string[] {
  const script = [
    'export LC_ALL=C',
    'echo "pid1=$(cat /proc/1/comm 2>/dev/null)"',
    'echo "cgroupfs=$(stat -fc %T /sys/fs/cgroup 2>/dev/null)"',
    's=no; for c in memory cpu cpu,cpuacct; do [ -d "/sys/fs/cgroup/$c/system.slice" ] && s=yes; done; echo "v1slices=$s"',
    `if sh -c '${OOM_PROBE}' 2>/dev/null; then echo oom=lowered; else echo oom=denied; fi`,
    'echo "containerd=$(containerd --version 2>/dev/null | head -n 1)"',
  ].join('\n');
  return ['sh', '-c', script];
}

export interface RuntimeProbe extends CgroupDriverFacts {
  /** True when lowering oom_score_adj failed: render restrict_oom_score_adj = true. */
  readonly restrictOomScoreAdj: boolean;
  /** `containerd --version` output, undefined when containerd is not installed. */
  readonly containerdVersion: string | undefined;
}

export function parseRuntimeProbe(stdout: string): RuntimeProbe {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  const fs = values.get('cgroupfs');
  const nonEmpty = (key: string): string | undefined => (values.get(key) ?? '') === '' ? undefined : values.get(key);
  return {
    pid1: nonEmpty('pid1'),
    cgroupVersion: fs === 'cgroup2fs' ? 2 : fs === 'tmpfs' ? 1 : undefined,
    systemdInV1Controllers: values.get('v1slices') === 'yes',
    restrictOomScoreAdj: values.get('oom') !== 'lowered',
    containerdVersion: nonEmpty('containerd'),
  };
}

/** The exit code of `sh -c OOM_PROBE` alone: 0 means lowering works. */
export function restrictOomScoreAdjFromExitCode(exitCode: number): boolean {
  return exitCode !== 0;
}
