import type { Host } from '../host/host.ts';

export interface RemoteFileQuery {
  readonly path: string;
  /** The size the file should have: its content is hashed only when the size already matches. */
  readonly size: number;
}

export type RemoteFileState =
  | { readonly present: false }
  | { readonly present: true; readonly size: number; readonly mode: number; readonly owner: string; readonly sha256: string | undefined };

/*
 * One round trip for every file: `stat`, and `sha256sum` only where the size is right, so a
 * host is read once per file at most and a file of another size (an upgrade) is not read at
 * all here. Arguments come in pairs (path, expected size); output is `<index> missing` or
 * `<index> present <size> <mode> <user:group> <sha256 or ->`.
 */
const INSPECT = [
  'i=0',
  'while [ "$#" -gt 1 ]; do',
  '  p=$1; want=$2; shift 2',
  '  if [ -f "$p" ]; then',
  "    meta=$(stat -L -c '%s %a %U:%G' -- \"$p\") || meta='-1 0 ?:?'",
  '    sum=-',
  '    if [ "${meta%% *}" = "$want" ]; then sum=$(sha256sum -- "$p" | cut -d " " -f 1) || sum=-; fi',
  '    echo "$i present $meta ${sum:--}"',
  '  else',
  '    echo "$i missing"',
  '  fi',
  '  i=$((i+1))',
  'done',
].join('\n');

/** What the host has at each path, in the order asked. */
export async function inspectRemoteFiles(host: Host, files: readonly RemoteFileQuery[], signal?: AbortSignal): Promise<RemoteFileState[]> {
  if (files.length === 0) return [];
  const argv = ['sh', '-c', INSPECT, 'kit-inspect', ...files.flatMap((file) => [file.path, String(file.size)])];
  const result = await host.exec(argv, {
    displayAs: `inspect ${files.length} artifact files`,
    // Hashing a few hundred MB on a slow disk takes a while.
    timeoutMs: 600_000,
    ...(signal === undefined ? {} : { signal }),
  });
  return parseInspection(result.stdout, files.length);
}

export function parseInspection(stdout: string, count: number): RemoteFileState[] {
  const states: RemoteFileState[] = Array.from({ length: count }, () => ({ present: false }));
  for (const line of stdout.split('\n')) {
    const [index, state, size, mode, owner, sum] = line.trim().split(' ');
    const at = Number(index);
    if (!Number.isInteger(at) || at < 0 || at >= count || state !== 'present') continue;
    states[at] = {
      present: true,
      size: Number(size),
      mode: Number.parseInt(mode ?? '0', 8),
      owner: owner ?? '',
      sha256: sum !== undefined && /^[0-9a-f]{64}$/u.test(sum) ? sum : undefined,
    };
  }
  return states;
}
