import { chmod, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENABLED_UNITS, IMAGE_FILES, MASKED_UNITS, REMOVED_PATHS } from './image-files.ts';

/**
 * Turns a fresh debootstrap tree into the rig's image: rig files and units, no per-host
 * identity (hosts get their own machine-id and ssh host keys), no package caches.
 */
export async function configureImage(rootfs: string, hash: string): Promise<void> {
  const inside = (relative: string): string => path.join(rootfs, relative);
  for (const relative of REMOVED_PATHS) await rm(inside(relative), { force: true });
  for (const file of IMAGE_FILES) {
    await mkdir(path.dirname(inside(file.path)), { recursive: true });
    // Remove first: a symlink left by a package must never be followed out of the image.
    await rm(inside(file.path), { force: true });
    await writeFile(inside(file.path), file.content, { flag: 'wx' });
    await chmod(inside(file.path), file.mode);
  }
  for (const [target, unit] of ENABLED_UNITS) {
    const wants = inside(`etc/systemd/system/${target}.wants`);
    await mkdir(wants, { recursive: true });
    await rm(path.join(wants, unit), { force: true });
    await symlink(`/etc/systemd/system/${unit}`, path.join(wants, unit));
  }
  for (const unit of MASKED_UNITS) {
    await rm(inside(`etc/systemd/system/${unit}`), { force: true });
    await symlink('/dev/null', inside(`etc/systemd/system/${unit}`));
  }
  await mkdir(inside('var/lib/containerd'), { recursive: true });
  await mkdir(inside('root/.ssh'), { recursive: true, mode: 0o700 });
  await chmod(inside('root/.ssh'), 0o700);
  await removeMatching(inside('var/cache/apt/archives'), (name) => name.endsWith('.deb'));
  await removeMatching(inside('var/lib/apt/lists'), (name) => name !== 'lock' && name !== 'partial');
  await writeFile(inside('etc/kit-rig-image'), `${hash}\n`);
}

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (matches(name)) await rm(path.join(dir, name), { force: true, recursive: true });
  }
}
