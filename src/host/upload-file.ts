import { createHash, randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { UploadOptions, UploadResult } from './host.ts';
import { writeViaSftp } from './sftp-write.ts';
import type { SshHost } from './ssh-host.ts';
import type { SshSession } from './ssh-session.ts';

export interface TransferContext {
  readonly host: SshHost;
  readonly session: SshSession;
}

export interface UploadRequest {
  readonly content: Buffer | string;
  readonly remotePath: string;
  readonly options: UploadOptions;
}

/**
 * One round trip that makes the parent directory if needed and reports the current file:
 * `MODE USER:GROUP` then its sha256, or nothing when there is no regular file.
 */
const INSPECT = [
  'd=$(dirname -- "$1")',
  '[ -d "$d" ] || mkdir -p -m 0755 -- "$d" || exit 1',
  '[ -f "$1" ] || exit 0',
  "stat -L -c '%a %U:%G' -- \"$1\" && sha256sum -- \"$1\"",
].join('\n');

/** Sets owner and mode on a finished temp file, then renames it over the target in one step. */
const INSTALL = 'chown -- "$3" "$1" && chmod -- "$4" "$1" && mv -f -T -- "$1" "$2" || { rm -f -- "$1"; exit 1; }';

/** Metadata only: the content is already right. */
const RETOUCH = 'chown -- "$2" "$1" && chmod -- "$3" "$1"';

/**
 * For users other than root: the content arrives on stdin and is written by root into a
 * private temp file (mktemp makes it 0600) beside the target, so it never sits in a
 * place another user could read, then flushed and renamed.
 */
const WRITE_VIA_SUDO = [
  'set -e',
  't=$(mktemp -- "$(dirname -- "$1")/.kit-upload.XXXXXXXX")',
  'trap \'rm -f -- "$t"\' EXIT',
  'cat > "$t"',
  'sync -- "$t"',
  'chown -- "$2" "$t"',
  'chmod -- "$3" "$t"',
  'mv -f -T -- "$t" "$1"',
  'trap - EXIT',
].join('\n');

/** Writes `content` atomically, sending nothing when the host already has it. */
export async function uploadFile(context: TransferContext, request: UploadRequest): Promise<UploadResult> {
  const { host } = context;
  const { remotePath, options } = request;
  const content = typeof request.content === 'string' ? Buffer.from(request.content, 'utf8') : request.content;
  if (!posix.isAbsolute(remotePath)) throw new TypeError(`upload needs an absolute path, got ${remotePath}`);
  const owner = options.owner ?? 'root:root';
  const mode = `0${(options.mode & 0o7777).toString(8)}`;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const inspected = await host.execRaw(['sh', '-c', INSPECT, 'kit', remotePath], {
    displayAs: `inspect ${remotePath}`, ...signal,
  });
  const current = parseInspection(inspected.stdout.toString('utf8'));
  const sha = createHash('sha256').update(content).digest('hex');
  if (current?.sha256 === sha) {
    if (current.mode === (options.mode & 0o7777) && ownerMatches(current.owner, owner)) return { changed: false, bytesSent: 0 };
    await host.execRaw(['sh', '-c', RETOUCH, 'kit', remotePath, owner, mode], {
      displayAs: `chown ${owner} + chmod ${mode} ${remotePath}`, ...signal,
    });
    return { changed: true, bytesSent: 0 };
  }
  if (host.isRoot) {
    const temp = posix.join(posix.dirname(remotePath), `.${posix.basename(remotePath)}.kit-${randomBytes(6).toString('hex')}`);
    await writeViaSftp(context, { temp, content, what: `the upload of ${remotePath}` });
    await host.execRaw(['sh', '-c', INSTALL, 'kit', temp, remotePath, owner, mode], {
      displayAs: `install ${remotePath} (${owner}, ${mode})`, ...signal,
    });
  } else {
    await host.execRaw(['sh', '-c', WRITE_VIA_SUDO, 'kit', remotePath, owner, mode], {
      stdin: content, displayAs: `write ${remotePath} (${owner}, ${mode})`, timeoutMs: transferTimeoutMs(content.length), ...signal,
    });
    context.session.counters.bytesSent += content.length;
  }
  return { changed: true, bytesSent: content.length };
}

export interface Inspection {
  readonly mode: number;
  readonly owner: string;
  readonly sha256: string;
}

/** Reads INSPECT's output; undefined when there was no file. */
export function parseInspection(output: string): Inspection | undefined {
  const [meta, sum] = output.trim().split('\n');
  const [mode, owner] = (meta ?? '').split(' ');
  const sha256 = (sum ?? '').split(' ')[0];
  if (mode === undefined || owner === undefined || sha256 === undefined || !/^[0-7]+$/u.test(mode)) return undefined;
  return { mode: Number.parseInt(mode, 8), owner, sha256 };
}

/** `root` asks only about the user; `root:root` about both. */
export function ownerMatches(actual: string, wanted: string): boolean {
  return wanted.includes(':') ? actual === wanted : actual.split(':')[0] === wanted;
}

/** Generous: two minutes plus a second per MiB at a slow 1 MiB/s. */
function transferTimeoutMs(bytes: number): number {
  return 120_000 + Math.ceil(bytes / 1_048_576) * 1000;
}
