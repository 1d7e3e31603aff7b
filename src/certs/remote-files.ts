import type { Host } from '../host/host.ts';
import type { FileMap } from './pki.ts';

export interface RemoteFilesRequest {
  /** Files whose content is wanted. */
  readonly contents: readonly string[];
  /** Files only whose existence is wanted: a CA key kit must not copy just to know it is there. */
  readonly exists?: readonly string[];
}

export interface RemoteFiles {
  /** Content of every requested file that exists and is readable. */
  readonly files: FileMap;
  /** Every requested path (either kind) that exists. */
  readonly present: ReadonlySet<string>;
}

/**
 * One shell round trip for any number of files: each path is announced by a marker line with
 * its index, then its content in base64 (which never contains `@`), so no content can be
 * mistaken for a marker. Paths travel as positional arguments, never inside the script.
 */
const SCRIPT = [
  'i=0',
  'for p in "$@"; do',
  '  case "$p" in',
  '    "?"*) f=${p#?}; if [ -e "$f" ]; then echo "@@kit $i present"; else echo "@@kit $i missing"; fi ;;',
  '    *) if [ -f "$p" ] && [ -r "$p" ]; then echo "@@kit $i file"; base64 < "$p" || exit 3; else echo "@@kit $i missing"; fi ;;',
  '  esac',
  '  i=$((i+1))',
  'done',
].join('\n');

const MARKER = /^@@kit (\d+) (file|present|missing)$/u;

export function remoteFilesCommand(request: RemoteFilesRequest): string[] {
  return ['sh', '-c', SCRIPT, 'kit-read-files', ...request.contents, ...(request.exists ?? []).map((path) => `?${path}`)];
}

/** Reads many files of one host in one command. Anything holding a key stays in memory only. */
export async function readRemoteFiles(host: Host, request: RemoteFilesRequest, options: { readonly signal?: AbortSignal } = {}): Promise<RemoteFiles> {
  const result = await host.exec(remoteFilesCommand(request), {
    displayAs: `read ${request.contents.length + (request.exists?.length ?? 0)} PKI file(s)`,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return parseRemoteFiles(result.stdout, request);
}

export function parseRemoteFiles(stdout: string, request: RemoteFilesRequest): RemoteFiles {
  const paths = [...request.contents, ...(request.exists ?? [])];
  const files = new Map<string, Buffer>();
  const present = new Set<string>();
  const seen = new Set<number>();
  let current: { path: string; base64: string[] } | undefined;
  const flush = (): void => {
    if (current !== undefined) files.set(current.path, Buffer.from(current.base64.join(''), 'base64'));
    current = undefined;
  };
  for (const line of stdout.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker === null) {
      if (current !== undefined && line !== '') current.base64.push(line.trim());
      continue;
    }
    flush();
    const index = Number(marker[1]);
    const path = paths[index];
    if (path === undefined) throw new Error(`reading PKI files: the host answered for file #${index}, only ${paths.length} were asked`);
    seen.add(index);
    if (marker[2] !== 'missing') present.add(path);
    if (marker[2] === 'file') current = { path, base64: [] };
  }
  flush();
  if (seen.size !== paths.length) throw new Error(`reading PKI files: the host answered for ${seen.size} of ${paths.length} files (output cut short?)`);
  return { files, present };
}
