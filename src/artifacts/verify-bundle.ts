import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ArtifactChecksumError, BundleManifestError, type ChecksumMismatch } from './artifact-errors.ts';
import { MANIFEST_FILE, parseBundleManifest, type BundleFile, type BundleManifest } from './bundle-manifest.ts';
import { fileSha256 } from './file-sha256.ts';
import type { VerifiedBundle, VerifiedFile } from './verified-bundle.ts';

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** Called after each file is hashed: for a progress line while 500 MB are read. */
  readonly onFile?: (file: { readonly name: string; readonly bytes: number }) => void;
}

export interface BundleCheck {
  readonly manifest: BundleManifest;
  /** Files whose bytes match the manifest. */
  readonly good: readonly VerifiedFile[];
  readonly mismatches: readonly ChecksumMismatch[];
}

/**
 * Reads `<dir>/manifest.json` and hashes every file it lists. Any mismatch — a missing file,
 * a different size, a different sha256 — fails the whole bundle with every bad file named,
 * so nothing of it is ever delivered.
 */
export async function verifyBundleDir(dir: string, options: VerifyOptions = {}): Promise<VerifiedBundle> {
  const check = await checkBundleDir(dir, options);
  if (check.mismatches.length > 0) throw new ArtifactChecksumError(dir, check.mismatches);
  return verifiedBundle(dir, check.manifest);
}

/** Like verifyBundleDir, but reports the bad files instead of failing (the cache keeps the good ones). */
export async function checkBundleDir(dir: string, options: VerifyOptions = {}): Promise<BundleCheck> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const text = await readFile(manifestPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BundleManifestError(manifestPath, [{ path: '', message: error.code === 'ENOENT' ? 'the file is missing' : error.message }]);
  });
  const manifest = parseBundleManifest(text, manifestPath);
  const mismatches: ChecksumMismatch[] = [];
  const good: VerifiedFile[] = [];
  for (const file of manifest.files) {
    const localPath = localPathOf(dir, file);
    const actual = await checkFile(file, localPath, options.signal);
    if (actual === undefined) good.push({ ...file, localPath });
    else mismatches.push({ file: file.name, where: file.path, expected: file.sha256, actual });
    options.onFile?.({ name: file.name, bytes: file.size });
  }
  return { manifest, good, mismatches };
}

/**
 * The VerifiedBundle for a manifest whose files were all just hashed by the caller (a pull
 * that wrote them, a check that found no mismatch). Nothing else may call this.
 */
export function verifiedBundle(dir: string, manifest: BundleManifest): VerifiedBundle {
  const files = manifest.files.map((file) => ({ ...file, localPath: localPathOf(dir, file) }));
  const images = manifest.images.map((image) => {
    const file = files.find((candidate) => candidate.path === image.path);
    // parseBundleManifest already proved every image path is an image file.
    if (file === undefined) throw new TypeError(`image ${image.ref} has no file in the manifest`);
    return { ...image, localPath: file.localPath, fileName: file.name };
  });
  return { dir, manifest, files, images };
}

function localPathOf(dir: string, file: Pick<BundleFile, 'path'>): string {
  return path.join(dir, ...file.path.split('/'));
}

/** Undefined when the file is right; otherwise what was found instead. */
async function checkFile(file: BundleFile, localPath: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const info = await stat(localPath).catch(() => undefined);
  if (info === undefined || !info.isFile()) return 'missing';
  if (info.size !== file.size) return `size ${info.size} instead of ${file.size}`;
  const sha = await fileSha256(localPath, signal);
  return sha === file.sha256 ? undefined : sha;
}
