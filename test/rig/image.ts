import { createHash } from 'node:crypto';
import { access, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readAptMirror } from './apt-mirror.ts';
import { configureImage } from './image-configure.ts';
import { ENABLED_UNITS, IMAGE_FILES, MASKED_UNITS, REMOVED_PATHS } from './image-files.ts';
import { execLocal } from './exec-local.ts';
import { acquireLock } from './lock.ts';
import { RigError } from './rig-error.ts';

export const IMAGE_SUITE = 'bookworm';
/** Bump when the build steps change in a way the hashed inputs below do not show. */
export const IMAGE_SCRIPT_VERSION = 1;
/** `$KIT_CACHE/rig` (default /var/cache/kit/rig), beside the other test artifacts. */
export function defaultCacheRoot(): string {
  return path.join(process.env['KIT_CACHE'] ?? '/var/cache/kit', 'rig');
}

/** What every host gets; later issues need the networking tools for kube-proxy (iptables mode) and CNI. */
export const IMAGE_PACKAGES: readonly string[] = [
  'systemd', 'systemd-sysv', 'dbus', 'openssh-server', 'sudo',
  'iproute2', 'iputils-ping', 'iptables', 'conntrack', 'socat', 'ethtool', 'netcat-openbsd',
  'kmod', 'ca-certificates', 'openssl', 'procps', 'util-linux', 'mount',
];

export interface RigImage {
  readonly hash: string;
  /** Read-only lower layer of every host's overlay. */
  readonly rootfs: string;
  /** Whether this call built it (false: it came from the cache). */
  readonly built: boolean;
  readonly buildMs: number;
}

/** Keys the cache: the package list, the script version and every file the build writes. */
export function imageHash(): string {
  const inputs = { version: IMAGE_SCRIPT_VERSION, suite: IMAGE_SUITE, packages: IMAGE_PACKAGES, files: IMAGE_FILES, ENABLED_UNITS, MASKED_UNITS, REMOVED_PATHS };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}

/** Returns the cached image, building it first (once per machine, under a lock) when missing. */
export async function ensureImage(options: { cacheRoot?: string; signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<RigImage> {
  const hash = imageHash();
  const dir = path.join(options.cacheRoot ?? defaultCacheRoot(), hash);
  const rootfs = path.join(dir, 'rootfs');
  if (await exists(rootfs)) return { hash, rootfs, built: false, buildMs: 0 };
  const lock = await acquireLock({ dir: `${dir}.lock`, timeoutMs: 20 * 60_000, what: `the rig image ${hash}`, ...signalOption(options.signal) });
  try {
    if (await exists(rootfs)) return { hash, rootfs, built: false, buildMs: 0 };
    const started = Date.now();
    options.log?.(`building the rig image ${hash} in ${dir} (once per machine)`);
    await buildImage({ dir, hash, ...signalOption(options.signal) });
    return { hash, rootfs, built: true, buildMs: Date.now() - started };
  } finally {
    await lock.release();
  }
}

async function buildImage(options: { dir: string; hash: string; signal?: AbortSignal }): Promise<void> {
  const partial = path.join(options.dir, 'rootfs.partial');
  const logFile = path.join(options.dir, 'build.log');
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const mirror = await readAptMirror({ suite: IMAGE_SUITE });
  const argv = [
    'debootstrap', '--variant=minbase', '--components=main', `--include=${IMAGE_PACKAGES.join(',')}`,
    ...(mirror.keyring === undefined ? [] : [`--keyring=${mirror.keyring}`]),
    IMAGE_SUITE, partial, mirror.uri,
  ];
  const result = await execLocal(argv, { allowFail: true, timeoutMs: 15 * 60_000, ...signalOption(options.signal) });
  await writeFile(logFile, result.stdout + result.stderr);
  if (result.exitCode !== 0) {
    throw new RigError(`debootstrap of the rig image failed (exit ${result.exitCode}); log: ${logFile}`, {
      hint: 'Check that apt reaches its configured Debian mirror (apt-get update) and that debootstrap is installed.',
    });
  }
  await configureImage(partial, options.hash);
  await rename(partial, path.join(options.dir, 'rootfs'));
}

/**
 * Deletes cached images other than the current one, unless a mounted overlay still uses one
 * as its lower layer (a running rig started before the image changed). Returns what it removed.
 */
export async function pruneImages(cacheRoot: string = defaultCacheRoot()): Promise<string[]> {
  const current = imageHash();
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  const removed: string[] = [];
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) {
    const dir = path.join(cacheRoot, name);
    if (name === current || name.endsWith('.lock') || mounts.includes(`lowerdir=${path.join(dir, 'rootfs')}`)) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
