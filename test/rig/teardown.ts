import { rm } from 'node:fs/promises';
import path from 'node:path';
import { deleteBridge, deleteLink, removeForwardRules } from './bridge.ts';
import { killCgroupProcesses, removeEmptyParents, removeHostCgroups } from './cgroups.ts';
import { acquireLock } from './lock.ts';
import { mountsUnder, unmountAllUnder } from './mounts.ts';
import { signalProcess, waitForExit } from './process-info.ts';
import { RigError } from './rig-error.ts';
import { RUN_ROOT, unregisterRig } from './rig-registry.ts';
import { loadState, type HostState, type RigState } from './rig-state.ts';

export interface StopOptions {
  /** How long a clean poweroff may take before everything is killed. */
  readonly graceMs?: number;
}

const DEFAULT_GRACE_MS = 20_000;

/**
 * Powers a host off: SIGTERM makes nspawn ask the host's systemd to halt. After the grace
 * period nspawn and every process left in the host's cgroups are SIGKILLed (a killed nspawn
 * leaves the host's init running as an orphan), then the veth is deleted.
 */
export async function stopMachine(host: HostState, options: StopOptions = {}): Promise<void> {
  if (host.nspawn !== null && (await signalProcess(host.nspawn, 'SIGTERM'))) {
    if (!(await waitForExit(host.nspawn, options.graceMs ?? DEFAULT_GRACE_MS))) await signalProcess(host.nspawn, 'SIGKILL');
  }
  if (!(await killCgroupProcesses(host.cgroupDirs, 15_000))) {
    throw new RigError(`rig host ${host.name}: processes survive SIGKILL in ${host.cgroupDirs[0] ?? 'its cgroups'}`);
  }
  host.nspawn = null;
  await deleteLink(host.veth);
  await rm(path.join('/run/systemd/nspawn/propagate', host.machine), { recursive: true, force: true });
}

/** Removes every trace of one host: machine, veth, mounts, cgroups, its directory. */
export async function teardownHost(host: HostState, options: StopOptions = {}): Promise<void> {
  await stopMachine(host, options);
  await unmountAllUnder(host.dir);
  await removeHostCgroups(host.cgroupDirs);
  await removeDirWithoutMounts(host.dir);
}

/** Tears a whole rig down from its recorded state; safe to repeat and to run after a crash. */
export async function teardownRig(state: RigState, options: StopOptions = {}): Promise<void> {
  const lock = await acquireLock({ dir: path.join(RUN_ROOT, 'locks', `${state.id}.lock`), timeoutMs: 120_000, what: `tear-down of rig ${state.name}` });
  try {
    const results = await Promise.allSettled(state.hosts.map((host) => teardownHost(host, options)));
    const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [`${state.hosts[index]?.name ?? '?'}: ${String(result.reason)}`] : []));
    await removeForwardRules(state.bridge);
    await deleteBridge(state.bridge);
    await removeEmptyParents(state.hosts.flatMap((host) => host.cgroupDirs));
    if (failures.length > 0) throw new RigError(`tear-down of rig ${state.name} left hosts behind:\n${failures.join('\n')}`, { hint: `Re-run: npm run rig -- down --name ${state.name}` });
    await unregisterRig(state.id);
    await removeDirWithoutMounts(state.dir);
  } finally {
    await lock.release();
  }
}

/** Tears down the rig whose state lives in `dir`, if any; returns its name. */
export async function teardownRigAt(dir: string, options: StopOptions = {}): Promise<string | undefined> {
  const state = await loadState(dir);
  if (state === undefined) return undefined;
  await teardownRig(state, options);
  return state.name;
}

/** Never `rm -r` through a mount: that would delete inside a host's root or its binds. */
async function removeDirWithoutMounts(dir: string): Promise<void> {
  const left = await mountsUnder(dir);
  if (left.length > 0) throw new RigError(`refusing to delete ${dir}: ${left.join(', ')} still mounted`);
  await rm(dir, { recursive: true, force: true });
}
