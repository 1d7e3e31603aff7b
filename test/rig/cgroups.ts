import { appendFile, mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sleep } from './process-info.ts';
import { RigError } from './rig-error.ts';

/** The parent directory, inside the launcher's own cgroup, that holds every rig host's cgroup. */
export const CGROUP_PARENT = 'kitrig';

interface Hierarchy {
  /** Where it is mounted, e.g. /sys/fs/cgroup/cpu. */
  readonly mountPoint: string;
  /** Its controllers (`cpu`, `name=systemd`); empty for cgroup2. */
  readonly controllers: readonly string[];
}

/** Every mounted cgroup hierarchy, v1 controllers and cgroup2 alike. */
async function mountedHierarchies(): Promise<Hierarchy[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text.split('\n').flatMap((line) => {
    const [left, right] = line.split(' - ');
    const fields = left?.split(' ') ?? [];
    const [fsType, , superOptions] = right?.split(' ') ?? [];
    const mountPoint = fields[4];
    if (mountPoint === undefined || (fsType !== 'cgroup' && fsType !== 'cgroup2')) return [];
    const known = new Set(['rw', 'ro', 'relatime', 'noatime', 'nosuid', 'nodev', 'noexec', 'nsdelegate', 'memory_recursiveprot', 'clone_children', 'xattr']);
    const controllers = fsType === 'cgroup2' ? [] : (superOptions ?? '').split(',').filter((option) => !known.has(option));
    return [{ mountPoint, controllers }];
  });
}

/** This process's cgroup path in a hierarchy, from /proc/self/cgroup. */
function ownPath(cgroupText: string, hierarchy: Hierarchy): string {
  for (const line of cgroupText.split('\n')) {
    const [, , controllers, cgroupPath] = /^(\d+):([^:]*):(.*)$/u.exec(line) ?? [];
    if (cgroupPath === undefined || controllers === undefined) continue;
    const listed = controllers === '' ? [] : controllers.split(',');
    if (listed.length === hierarchy.controllers.length && listed.every((name) => hierarchy.controllers.includes(name))) return cgroupPath;
  }
  throw new RigError(`cannot find this process's cgroup in the hierarchy mounted at ${hierarchy.mountPoint}`);
}

/**
 * Creates a cgroup for one host in every hierarchy, below the launcher's own cgroup, so the
 * host sees it as its root (nspawn gives it a cgroup namespace) and tear-down finds every
 * process the host ever started. Returns the absolute directories.
 */
export async function createHostCgroups(machine: string): Promise<string[]> {
  const cgroupText = await readFile('/proc/self/cgroup', 'utf8');
  const dirs: string[] = [];
  for (const hierarchy of await mountedHierarchies()) {
    const base = path.join(hierarchy.mountPoint, ownPath(cgroupText, hierarchy));
    const parent = path.join(base, CGROUP_PARENT);
    const dir = path.join(parent, machine);
    await mkdir(dir, { recursive: true });
    if (hierarchy.controllers.includes('cpuset')) {
      await inheritCpuset(base, parent);
      await inheritCpuset(parent, dir);
    }
    dirs.push(dir);
  }
  return dirs;
}

/** A new cpuset cgroup starts with no CPUs or memory nodes: copy the parent's before use. */
async function inheritCpuset(from: string, to: string): Promise<void> {
  for (const file of ['cpuset.cpus', 'cpuset.mems']) {
    const current = (await readFile(path.join(to, file), 'utf8')).trim();
    if (current === '') await writeFile(path.join(to, file), (await readFile(path.join(from, file), 'utf8')).trim());
  }
}

/** The `cgroup.procs` files a launcher writes its PID into before exec'ing into the host. */
export function procsFiles(dirs: readonly string[]): string[] {
  return dirs.map((dir) => path.join(dir, 'cgroup.procs'));
}

/** Moves a process into the host's cgroups (used for processes that enter a running host). */
export async function joinCgroups(dirs: readonly string[], pid: number): Promise<void> {
  for (const file of procsFiles(dirs)) await appendFile(file, `${pid}\n`);
}

/** Every PID in the host's cgroups, sub-cgroups included. */
export async function cgroupPids(dirs: readonly string[]): Promise<number[]> {
  const pids = new Set<number>();
  for (const dir of dirs) {
    for (const sub of await walk(dir)) {
      const text = await readFile(path.join(sub, 'cgroup.procs'), 'utf8').catch(() => '');
      for (const entry of text.split('\n')) if (entry !== '') pids.add(Number(entry));
    }
  }
  return [...pids];
}

/** SIGKILLs everything in the host's cgroups until they are empty; false if some survive `timeoutMs`. */
export async function killCgroupProcesses(dirs: readonly string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await cgroupPids(dirs);
    if (pids.length === 0) return true;
    if (Date.now() >= deadline) return false;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await sleep(100);
  }
}

/** Removes the host's cgroups, children first. */
export async function removeHostCgroups(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    for (const sub of (await walk(dir)).reverse()) await rmdirRetrying(sub);
  }
}

/** Removes the shared `kitrig` parents once no host of any rig uses them (a busy one stays). */
export async function removeEmptyParents(dirs: readonly string[]): Promise<void> {
  for (const parent of new Set(dirs.map((dir) => path.dirname(dir)))) await rmdir(parent).catch(() => undefined);
}

async function rmdirRetrying(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (attempt >= 20) throw new RigError(`cannot remove the cgroup ${dir}: ${code ?? String(error)}`, { cause: error });
      await sleep(100);
    }
  }
}

/** A cgroup directory and all its sub-cgroups, parents before children. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (entries === undefined) return [];
  const children = await Promise.all(entries.filter((entry) => entry.isDirectory()).map((entry) => walk(path.join(dir, entry.name))));
  return [dir, ...children.flat()];
}
