import type { DirState, HostFacts, TimeSyncFacts } from './host-facts.ts';
import { parseCgroups, parseModules, parseSysctls } from './parse-kernel-facts.ts';
import { parseInterfaces, parseListeners } from './parse-network-facts.ts';
import { parseSections, sectionLines, sectionValue } from './parse-sections.ts';
import { parseCount, parseDf, parseMeminfo, parseOsRelease, parseSwaps } from './parse-system-facts.ts';

/** Turns the facts script's whole output into HostFacts. Pure: unit-tested on captured output. */
export function parseHostFacts(output: string): HostFacts {
  const sections = parseSections(output);
  const lines = (name: string): readonly string[] => sectionLines(sections, name);
  const value = (name: string): string | undefined => sectionValue(sections, name);
  const uname = lines('uname');
  const meminfo = parseMeminfo(lines('meminfo'));
  const memTotal = meminfo.get('MemTotal');
  const sysctls = parseSysctls(lines('sysctls'));
  return {
    os: parseOsRelease(lines('os-release')),
    kernelName: uname[0]?.trim(),
    kernelRelease: uname[1]?.trim(),
    architecture: uname[2]?.trim(),
    cpus: parseCount(value('nproc')),
    memoryMiB: memTotal === undefined ? undefined : Math.floor(memTotal / 1024),
    swapTotalKiB: meminfo.get('SwapTotal'),
    swaps: parseSwaps(lines('swaps')),
    hostname: value('hostname'),
    machineId: value('machine-id'),
    productUuid: value('product-uuid')?.toLowerCase(),
    interfaces: parseInterfaces(lines('links'), lines('addresses')),
    modules: parseModules(lines('modules')),
    filesystems: lines('filesystems').map((line) => line.trim()),
    kernelSymbols: lines('kallsyms').map((line) => line.trim()),
    sysctls: sysctls.values,
    bridgeSysctls: sysctls.bridgeSysctls,
    cgroup: parseCgroups({ fsType: value('cgroup-fs'), mounts: lines('cgroup-mounts'), v2Controllers: lines('cgroup2-controllers') }),
    tools: parseTools(lines('tools')),
    listeners: sections.has('listeners') ? parseListeners(lines('listeners')) : undefined,
    dirs: parseDirs(lines('dirs')),
    processes: lines('processes').map((line) => line.trim()),
    disk: parseDf(lines('disk')),
    timeSync: parseTimeSync(lines('timesync'), lines('time-services')),
    uid: parseCount(value('uid')),
  };
}

/** `name /path` when found, a bare `name` when not. */
function parseTools(lines: readonly string[]): Record<string, string> {
  const tools: Record<string, string> = {};
  for (const line of lines) {
    const [name, path] = line.trim().split(/\s+/u);
    if (name !== undefined && path !== undefined && path !== '') tools[name] = path;
  }
  return tools;
}

/** `/dir N` (entry count), `/dir file` or `/dir absent`. */
function parseDirs(lines: readonly string[]): Record<string, DirState> {
  const dirs: Record<string, DirState> = {};
  for (const line of lines) {
    const [path, state] = line.trim().split(/\s+/u);
    if (path === undefined || state === undefined) continue;
    if (state === 'absent') dirs[path] = 'absent';
    else if (state === 'file') dirs[path] = 'not-a-directory';
    else dirs[path] = state === '0' ? 'empty' : 'non-empty';
  }
  return dirs;
}

/**
 * Synchronised when timesyncd's flag file, chrony's leap status or ntpd's selected peer says so;
 * not when a time service runs but none of them does; unknown when no time service runs at all.
 */
function parseTimeSync(evidence: readonly string[], services: readonly string[]): TimeSyncFacts {
  const active = services.map((line) => line.trim()).filter((name) => name !== '');
  const leap = evidence.find((line) => line.startsWith('Leap status'))?.split(':')[1]?.trim();
  const synced = evidence.some((line) => line.endsWith('=synchronized')) || (leap !== undefined && leap !== 'Not synchronised');
  if (synced) return { synchronized: true, services: active };
  return { synchronized: active.length > 0 || leap !== undefined ? false : undefined, services: active };
}
