import type { CgroupFacts, KernelModuleState } from './host-facts.ts';

/** `overlay loaded=0 sysfs=1 builtin=0 file=0` lines from the facts script's module loop. */
export function parseModules(lines: readonly string[]): readonly KernelModuleState[] {
  const modules: KernelModuleState[] = [];
  for (const line of lines) {
    const [name, ...pairs] = line.trim().split(/\s+/u);
    if (name === undefined || name === '') continue;
    const flags = new Map(pairs.map((pair) => pair.split('=') as [string, string]));
    modules.push({
      name,
      loaded: flags.get('loaded') === '1',
      inSysfs: flags.get('sysfs') === '1',
      builtin: flags.get('builtin') === '1',
      loadable: flags.get('file') === '1',
      config: flags.get('config') === 'y' ? 'builtin' : flags.get('config') === 'm' ? 'module' : undefined,
    });
  }
  return modules;
}

/** `key=value` lines (a bare `key` means no such file); `#bridge-dir` flags /proc/sys/net/bridge. */
export function parseSysctls(lines: readonly string[]): { values: Record<string, string>; bridgeSysctls: boolean } {
  const values: Record<string, string> = {};
  let bridgeSysctls = false;
  for (const line of lines) {
    const text = line.trim();
    if (text === '#bridge-dir') bridgeSysctls = true;
    const separator = text.indexOf('=');
    if (separator > 0) values[text.slice(0, separator)] = text.slice(separator + 1).trim();
  }
  return { values, bridgeSysctls };
}

const V1_CONTROLLERS = new Set([
  'cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'net_cls', 'blkio', 'perf_event',
  'net_prio', 'hugetlb', 'pids', 'rdma', 'misc',
]);

/**
 * Decides the cgroup version from the filesystem type of /sys/fs/cgroup (cgroup2fs: unified;
 * tmpfs: v1 or hybrid, where the v1 hierarchies hold the controllers) and lists the usable ones.
 */
export function parseCgroups(input: { fsType: string | undefined; mounts: readonly string[]; v2Controllers: readonly string[] }): CgroupFacts {
  if (input.fsType === 'cgroup2fs') {
    return { version: 2, controllers: input.v2Controllers.flatMap((line) => line.trim().split(/\s+/u)).filter((name) => name !== '') };
  }
  const controllers = new Set<string>();
  for (const line of input.mounts) {
    const after = line.split(' - ')[1]?.trim().split(/\s+/u);
    if (after?.[0] !== 'cgroup') continue;
    for (const option of (after[2] ?? '').split(',')) if (V1_CONTROLLERS.has(option)) controllers.add(option);
  }
  const version = input.fsType === 'tmpfs' || controllers.size > 0 ? 1 : undefined;
  return { version, controllers: [...controllers].sort() };
}
