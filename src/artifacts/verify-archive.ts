import { createHash } from 'node:crypto';
import { ArtifactChecksumError, BundleManifestError, type ChecksumMismatch } from './artifact-errors.ts';
import { tarBytes } from './archive-input.ts';
import { MANIFEST_FILE, parseBundleManifest, type BundleManifest } from './bundle-manifest.ts';
import { readTar } from './tar-reader.ts';

export interface ArchiveCheck {
  readonly manifest: BundleManifest;
  readonly files: number;
  readonly bytes: number;
}

/**
 * Checks a bundle tarball without unpacking it (`kit artifacts verify FILE`): every member is
 * hashed as it streams past, then compared with manifest.json wherever that sits in the
 * archive. Members the manifest does not list are ignored.
 */
export async function verifyBundleArchive(file: string, options: { readonly signal?: AbortSignal } = {}): Promise<ArchiveCheck> {
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifestText: string | undefined;
  let prefix = '';
  await readTar(await tarBytes(file, options.signal), async (entry, body) => {
    if (entry.type !== 'file') return;
    const hash = createHash('sha256');
    const kept: Buffer[] = [];
    const isManifest = manifestPrefix(entry.name) !== undefined && (manifestText === undefined || entry.name === MANIFEST_FILE);
    for await (const chunk of body) {
      hash.update(chunk);
      if (isManifest) kept.push(Buffer.from(chunk));
    }
    if (isManifest) {
      manifestText = Buffer.concat(kept).toString('utf8');
      prefix = manifestPrefix(entry.name) ?? '';
    }
    seen.set(entry.name, { sha256: hash.digest('hex'), size: entry.size });
  });
  if (manifestText === undefined) throw new BundleManifestError(`${file}:${MANIFEST_FILE}`, [{ path: '', message: 'the archive has no manifest.json' }]);
  const manifest = parseBundleManifest(manifestText, `${file}:${MANIFEST_FILE}`);
  const mismatches: ChecksumMismatch[] = manifest.files.flatMap((listed) => {
    const found = seen.get(`${prefix}${listed.path}`);
    if (found?.sha256 === listed.sha256) return [];
    return [{ file: listed.name, where: `${file}:${listed.path}`, expected: listed.sha256, actual: found === undefined ? 'missing' : found.sha256 }];
  });
  if (mismatches.length > 0) throw new ArtifactChecksumError(file, mismatches);
  return { manifest, files: manifest.files.length, bytes: manifest.files.reduce((total, listed) => total + listed.size, 0) };
}

/** `manifest.json` → `''`, `kit-bundle/manifest.json` → `kit-bundle/` (hand-made bundles wrap everything in one folder). */
function manifestPrefix(name: string): string | undefined {
  if (name === MANIFEST_FILE) return '';
  const parts = name.split('/');
  return parts.length === 2 && parts[1] === MANIFEST_FILE ? `${parts[0] ?? ''}/` : undefined;
}
