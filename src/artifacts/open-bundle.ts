import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { tarBytes } from './archive-input.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { isBundlePath, MANIFEST_FILE } from './bundle-manifest.ts';
import { fileSha256 } from './file-sha256.ts';
import { readTar } from './tar-reader.ts';
import type { VerifiedBundle } from './verified-bundle.ts';
import { verifiedBundle, verifyBundleDir, type VerifyOptions } from './verify-bundle.ts';

export interface OpenBundleOptions extends VerifyOptions {
  /** Where a tarball is unpacked (inventory `artifacts.cacheDir`). */
  readonly cacheDir: string;
}

/**
 * A bundle folder is verified where it is. A tarball is unpacked into
 * `<cacheDir>/bundles/<sha256 of the tarball>` — into a temp folder first, renamed into place
 * only after every file matched the manifest — and a later run verifies that folder again
 * instead of unpacking twice.
 */
export async function openBundle(bundlePath: string, options: OpenBundleOptions): Promise<VerifiedBundle> {
  const info = await stat(bundlePath);
  if (info.isDirectory()) return verifyBundleDir(bundlePath, options);
  const key = (await fileSha256(bundlePath, options.signal)).slice(0, 16);
  const bundlesDir = path.join(options.cacheDir, 'bundles');
  const target = path.join(bundlesDir, key);
  if (await exists(target)) {
    const cached = await verifyBundleDir(await bundleRoot(target), options).catch(() => undefined);
    if (cached !== undefined) return cached;
    await rm(target, { recursive: true, force: true });
  }
  const temp = path.join(bundlesDir, `.${key}.unpack-${randomBytes(4).toString('hex')}`);
  let manifest;
  try {
    await unpackTar(bundlePath, temp, options.signal);
    manifest = (await verifyBundleDir(await bundleRoot(temp), options)).manifest;
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  // The files were hashed in the temp folder; the rename moved them unchanged.
  return verifiedBundle(await bundleRoot(target), manifest);
}

/** Unpacks regular files only, and only to paths that stay inside `dir`. */
export async function unpackTar(file: string, dir: string, signal?: AbortSignal): Promise<void> {
  await mkdir(dir, { recursive: true });
  await readTar(await tarBytes(file, signal), async (entry, body) => {
    if (entry.type !== 'file') return;
    if (!isBundlePath(entry.name)) throw new Error(`${file}: the archive member "${entry.name}" points outside the bundle`);
    await writeFileAtomically(path.join(dir, ...entry.name.split('/')), body, { mode: entry.mode & 0o777 });
  });
}

/** The folder holding manifest.json: the archive's root, or its only top-level folder. */
async function bundleRoot(dir: string): Promise<string> {
  if (await exists(path.join(dir, MANIFEST_FILE))) return dir;
  const entries = await readdir(dir, { withFileTypes: true });
  const [only] = entries;
  return entries.length === 1 && only?.isDirectory() === true ? path.join(dir, only.name) : dir;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
