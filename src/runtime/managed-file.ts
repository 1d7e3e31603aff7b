import { createHash } from 'node:crypto';

/**
 * A file kit owns on a host, rendered in full by a pure function. Plans compare its sha256
 * with the host's copy, so a re-run writes (and restarts) nothing that is already right.
 */
export interface ManagedFile {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

/** path → sha256 hex of the host's copy, or undefined when the file does not exist. */
export type FileHashes = Readonly<Record<string, string | undefined>>;

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The files whose host copy is missing or differs. */
export function changedFiles<F extends ManagedFile>(desired: readonly F[], hashes: FileHashes): F[] {
  return desired.filter((file) => hashes[file.path] !== sha256Hex(file.content));
}

/** `sha256sum -- a b` output (`<hex>  <path>` per line; missing files are absent) → FileHashes. */
export function parseSha256sum(stdout: string, paths: readonly string[]): FileHashes {
  const found = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^\\?([0-9a-f]{64}) [ *](.+)$/u.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) found.set(match[2], match[1]);
  }
  return Object.fromEntries(paths.map((path) => [path, found.get(path)]));
}

/** Lists hashes of every path in one command; exit 1 only means some file is missing. */
export function sha256sumCommand(paths: readonly string[]): readonly string[] {
  return ['sha256sum', '--', ...paths];
}
