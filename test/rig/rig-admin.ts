import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_STATE_ROOT } from './rig-paths.ts';
import { isAlive } from './process-info.ts';
import { registeredRigDirs } from './rig-registry.ts';
import { loadState, type RigState } from './rig-state.ts';
import { teardownRig } from './teardown.ts';

/** Every rig with a state file under `stateRoot`, plus every rig registered on this machine. */
export async function listRigs(stateRoot: string = DEFAULT_STATE_ROOT): Promise<RigState[]> {
  const local = (await readdir(stateRoot).catch(() => [] as string[])).map((name) => path.join(stateRoot, name));
  const dirs = [...new Set([...local, ...(await registeredRigDirs())].map((dir) => path.resolve(dir)))];
  const states = await Promise.all(dirs.map((dir) => loadState(dir)));
  return states.filter((state): state is RigState => state !== undefined);
}

/**
 * A rig is stale when the process it belongs to died, or, for a rig started to outlive its
 * process (`rig up`), when none of its hosts runs any more.
 */
export async function isStale(state: RigState): Promise<boolean> {
  if (state.owner !== null) return !(await isAlive(state.owner));
  const running = await Promise.all(state.hosts.map((host) => (host.nspawn === null ? false : isAlive(host.nspawn))));
  return !running.includes(true);
}

/** Tears down everything left by crashed runs; returns the names of the rigs removed. */
export async function cleanupStaleRigs(stateRoot: string = DEFAULT_STATE_ROOT): Promise<string[]> {
  const removed: string[] = [];
  for (const state of await listRigs(stateRoot)) {
    if (!(await isStale(state))) continue;
    await teardownRig(state, { graceMs: 5_000 });
    removed.push(state.name);
  }
  return removed;
}
