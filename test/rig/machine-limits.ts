import { readFile, writeFile } from 'node:fs/promises';

/**
 * inotify limits are per user, and every host runs as the machine's root: twenty booted
 * systemds (then containerd and kubelets) exhaust the default 128 instances and their path
 * units fail. Only ever raised, never lowered, and left raised afterwards
 * (another rig may be running).
 */
export const INOTIFY_MINIMUMS: Readonly<Record<string, number>> = {
  'fs/inotify/max_user_instances': 8192,
  'fs/inotify/max_user_watches': 524_288,
};

/** Raises the machine's limits to the minimums; returns the settings it changed, as `name old→new`. */
export async function ensureMachineLimits(): Promise<string[]> {
  const changed: string[] = [];
  for (const [name, minimum] of Object.entries(INOTIFY_MINIMUMS)) {
    const file = `/proc/sys/${name}`;
    const current = Number((await readFile(file, 'utf8')).trim());
    if (current >= minimum) continue;
    await writeFile(file, `${minimum}\n`);
    changed.push(`${name.replaceAll('/', '.')} ${current}→${minimum}`);
  }
  return changed;
}
