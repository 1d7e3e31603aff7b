import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock } from '../rig/lock.ts';
import { RigError } from '../rig/rig-error.ts';
import { debCandidate, debField, downloadDeb, extractDebFiles, sha256File } from './deb-package.ts';
import { DEBIAN_BINARY_PACKAGES, type DebianBinaryPackage } from './debian-binary-list.ts';
import { elfNeeded } from './elf-needed.ts';

export const DEFAULT_ARTIFACT_CACHE = '/var/cache/kit';
/** Bump when the manifest's shape or the unpacking changes. */
const MANIFEST_SCHEMA = 1;

export interface DebianBinary {
  readonly name: string;
  /** Path below the manifest's `root`: `<package>/<name>`. */
  readonly file: string;
  /** Path inside the .deb. */
  readonly source: string;
  readonly sha256: string;
  readonly size: number;
  /** Shared libraries it needs (DT_NEEDED); empty for a static binary. */
  readonly needed: readonly string[];
}

export interface DebianPackageRecord {
  readonly package: string;
  readonly version: string;
  readonly deb: string;
  readonly debSha256: string;
  /** The package's Depends field: what a host must have for these binaries to run. */
  readonly depends: string;
  readonly binaries: readonly DebianBinary[];
}

export interface DebianBinariesManifest {
  readonly schema: number;
  /** Hash of the package list the cache was made from; a changed list refills the cache. */
  readonly listHash: string;
  readonly root: string;
  readonly createdAt: string;
  readonly packages: readonly DebianPackageRecord[];
  readonly unavailable: readonly { readonly package: string; readonly reason: string }[];
}

export interface EnsureDebianBinariesOptions {
  readonly cacheRoot?: string;
  readonly packages?: readonly DebianBinaryPackage[];
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/**
 * Returns the manifest of the Debian binaries the rig runs, downloading the .debs into
 * <cache>/debs and unpacking the chosen files into <cache>/debian-bin/<package>/ first when the
 * cache is missing, stale or damaged (once per machine, under a lock).
 */
export async function ensureDebianBinaries(options: EnsureDebianBinariesOptions = {}): Promise<DebianBinariesManifest> {
  const cacheRoot = options.cacheRoot ?? DEFAULT_ARTIFACT_CACHE;
  const packages = options.packages ?? DEBIAN_BINARY_PACKAGES;
  const root = path.join(cacheRoot, 'debian-bin');
  const listHash = createHash('sha256').update(JSON.stringify({ MANIFEST_SCHEMA, packages })).digest('hex').slice(0, 16);
  const cached = await readValidManifest(root, listHash);
  if (cached !== undefined) return cached;
  await mkdir(root, { recursive: true });
  const lock = await acquireLock({ dir: `${root}.lock`, timeoutMs: 20 * 60_000, what: 'the Debian binaries cache', ...signalOption(options.signal) });
  try {
    const again = await readValidManifest(root, listHash);
    if (again !== undefined) return again;
    options.log?.(`fetching Debian binaries into ${root}`);
    const manifest = await fillCache({ root, debsDir: path.join(cacheRoot, 'debs'), packages, listHash, ...logOption(options.log) });
    await writeAtomically(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await lock.release();
  }
}

/** The absolute path of one binary by name (`etcd`, `containerd`, `bridge`, ...). */
export function debianBinaryPath(manifest: DebianBinariesManifest, name: string): string {
  const binary = manifest.packages.flatMap((record) => record.binaries).find((candidate) => candidate.name === name);
  if (binary === undefined) {
    throw new RigError(`no Debian binary named ${name} in ${path.join(manifest.root, 'manifest.json')}`, {
      hint: 'Add it to test/artifacts/debian-binary-list.ts.',
    });
  }
  return path.join(manifest.root, binary.file);
}

async function fillCache(options: { root: string; debsDir: string; packages: readonly DebianBinaryPackage[]; listHash: string; log?: (line: string) => void }): Promise<DebianBinariesManifest> {
  await mkdir(options.debsDir, { recursive: true });
  const records: DebianPackageRecord[] = [];
  const unavailable: { package: string; reason: string }[] = [];
  for (const entry of options.packages) {
    const candidate = await debCandidate(entry.package);
    if (candidate === undefined) {
      if (entry.optional !== true) {
        throw new RigError(`apt has no package ${entry.package}`, { hint: 'Run apt-get update; check the machine\'s apt sources.' });
      }
      unavailable.push({ package: entry.package, reason: 'apt has no candidate for it in the configured sources' });
      options.log?.(`${entry.package}: not available, recorded as such`);
      continue;
    }
    const deb = await downloadDeb({ pkg: entry.package, candidate, debsDir: options.debsDir });
    records.push(await unpackPackage({ root: options.root, entry, deb, debSha256: candidate.sha256 }));
    options.log?.(`${entry.package}: ${records.at(-1)?.version ?? '?'} unpacked`);
  }
  return { schema: MANIFEST_SCHEMA, listHash: options.listHash, root: options.root, createdAt: new Date().toISOString(), packages: records, unavailable };
}

/** Unpacks one package's files into a fresh directory, then swaps it in with one rename. */
async function unpackPackage(options: { root: string; entry: DebianBinaryPackage; deb: string; debSha256: string }): Promise<DebianPackageRecord> {
  const stage = await mkdtemp(path.join(options.root, `.${options.entry.package}.`));
  try {
    await extractDebFiles({ deb: options.deb, files: options.entry.files, destDir: stage });
    const target = path.join(options.root, options.entry.package);
    const flat = path.join(stage, 'out');
    await mkdir(flat);
    const binaries: DebianBinary[] = [];
    for (const source of options.entry.files) {
      const name = path.basename(source);
      await rename(path.join(stage, source), path.join(flat, name));
      binaries.push(await describeBinary({ path: path.join(flat, name), file: `${options.entry.package}/${name}`, source }));
    }
    await rm(target, { recursive: true, force: true });
    await rename(flat, target);
    const [version, depends] = await Promise.all([debField(options.deb, 'Version'), debField(options.deb, 'Depends')]);
    return { package: options.entry.package, version, deb: path.basename(options.deb), debSha256: options.debSha256, depends, binaries };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function describeBinary(options: { path: string; file: string; source: string }): Promise<DebianBinary> {
  const [sha256, info, needed] = await Promise.all([sha256File(options.path), stat(options.path), elfNeeded(options.path)]);
  return { name: path.basename(options.file), file: options.file, source: options.source, sha256, size: info.size, needed };
}

/** The manifest when it matches the list and every binary is present with its recorded hash. */
async function readValidManifest(root: string, listHash: string): Promise<DebianBinariesManifest | undefined> {
  const text = await readFile(path.join(root, 'manifest.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const manifest = JSON.parse(text) as DebianBinariesManifest;
  if (manifest.schema !== MANIFEST_SCHEMA || manifest.listHash !== listHash || manifest.root !== root) return undefined;
  for (const binary of manifest.packages.flatMap((record) => record.binaries)) {
    const actual = await sha256File(path.join(root, binary.file)).catch(() => undefined);
    if (actual !== binary.sha256) return undefined;
  }
  return manifest;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, { mode: 0o644 });
  await rename(`${file}.tmp`, file);
}

function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

function logOption(log: ((line: string) => void) | undefined): { log?: (line: string) => void } {
  return log === undefined ? {} : { log };
}
