import { mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Machine-wide index of rigs (id → state dir), so stale rigs are found whichever checkout
 * started them. The resources themselves are described by each rig's own rig.json.
 */
export const RUN_ROOT = '/run/kit/rig';
const INDEX_DIR = path.join(RUN_ROOT, 'rigs');

export async function registerRig(id: string, dir: string): Promise<void> {
  await mkdir(INDEX_DIR, { recursive: true });
  await rm(path.join(INDEX_DIR, id), { force: true });
  await symlink(dir, path.join(INDEX_DIR, id));
}

export async function unregisterRig(id: string): Promise<void> {
  await rm(path.join(INDEX_DIR, id), { force: true });
}

/** State directories of every registered rig. */
export async function registeredRigDirs(): Promise<string[]> {
  const ids = await readdir(INDEX_DIR).catch(() => [] as string[]);
  const dirs = await Promise.all(ids.map((id) => readlink(path.join(INDEX_DIR, id)).catch(() => undefined)));
  return dirs.filter((dir): dir is string => dir !== undefined);
}
