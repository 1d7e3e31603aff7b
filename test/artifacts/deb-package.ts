import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { execLocal } from '../rig/exec-local.ts';
import { RigError } from '../rig/rig-error.ts';

/** The .deb apt would download for a package now (its candidate version). */
export interface DebCandidate {
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
}

// Root downloads into a root-owned cache: tell apt not to drop to its sandbox user, which
// could not write there (apt would warn and fall back anyway).
const APT_OPTIONS = ['-o', 'APT::Sandbox::User=root', '-o', 'Acquire::Retries=3'];

/** Streams a file through SHA-256 (binaries here reach tens of MB). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Asks apt which .deb it would fetch for `pkg`, without downloading. Undefined when apt has no
 * such package; any other apt failure throws.
 */
export async function debCandidate(pkg: string): Promise<DebCandidate | undefined> {
  const result = await execLocal(['apt-get', ...APT_OPTIONS, 'download', '--print-uris', pkg], { allowFail: true });
  if (result.exitCode !== 0) {
    if (/Unable to locate package|no installation candidate|Can't select candidate/u.test(result.stderr)) return undefined;
    throw new RigError(`apt-get download --print-uris ${pkg} exited ${result.exitCode}: ${result.stderr.trim()}`, {
      hint: 'Run apt-get update, then try again.',
    });
  }
  // One line: 'URI' FILE SIZE SHA256:HEX (the URI is never logged: it names the mirror).
  const match = /^'[^']*' (\S+) (\d+) SHA256:([0-9a-f]{64})$/mu.exec(result.stdout);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
    throw new RigError(`cannot read apt's answer for ${pkg}: ${result.stdout.replace(/'[^']*'/gu, "'…'").trim()}`);
  }
  return { fileName: match[1], size: Number(match[2]), sha256: match[3] };
}

/** Downloads the candidate .deb into `debsDir` unless an identical file is already there. */
export async function downloadDeb(options: { pkg: string; candidate: DebCandidate; debsDir: string }): Promise<string> {
  const file = path.join(options.debsDir, options.candidate.fileName);
  if (await hasSha256(file, options.candidate.sha256)) return file;
  // apt-get download writes into its working directory; execLocal has no cwd, so cd in bash.
  const script = 'cd "$1" && shift && exec apt-get "$@"';
  await execLocal(['bash', '-c', script, 'download', options.debsDir, ...APT_OPTIONS, '-qq', 'download', options.pkg], { timeoutMs: 10 * 60_000 });
  if (!(await hasSha256(file, options.candidate.sha256))) {
    throw new RigError(`apt-get download ${options.pkg} did not leave ${file} with SHA-256 ${options.candidate.sha256}`, {
      hint: `Delete ${file} and run again; if it persists, run apt-get update.`,
    });
  }
  return file;
}

/** One control field of a .deb (Version, Depends, ...); empty when the field is absent. */
export async function debField(deb: string, field: string): Promise<string> {
  const result = await execLocal(['dpkg-deb', '--field', deb, field]);
  return result.stdout.trim();
}

/**
 * Unpacks the named members of a .deb below `destDir`, keeping their paths. `tar -x` rather
 * than `dpkg -x`: only these files, and no directory of `destDir` is replaced.
 */
export async function extractDebFiles(options: { deb: string; files: readonly string[]; destDir: string }): Promise<void> {
  const script = 'set -o pipefail; deb="$1"; dest="$2"; shift 2; dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$dest" "$@"';
  await execLocal(['bash', '-c', script, 'extract', options.deb, options.destDir, ...options.files.map((file) => `./${file}`)]);
}

async function hasSha256(file: string, expected: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && info.isFile() && (await sha256File(file)) === expected;
}
