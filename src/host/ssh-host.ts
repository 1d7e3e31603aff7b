import { RemoteCommandError, RemoteCommandTimeoutError } from '../errors/remote-command-error.ts';
import type { Logger } from '../workflow/logger.ts';
import type { ExecOptions, ExecResult, Host, TransportStats, UploadOptions, UploadResult } from './host.ts';
import { downloadFile } from './download-file.ts';
import { commandLine, KILL_AFTER_SECONDS, quoteArgv } from './shell-quote.ts';
import type { SshSession } from './ssh-session.ts';
import { uploadFile } from './upload-file.ts';

const DEFAULT_TIMEOUT_MS = 120_000;
const STDERR_TAIL_LINES = 20;
/** Exit codes of coreutils `timeout` when it had to stop the command (TERM, then KILL). */
const TIMED_OUT_CODES: readonly number[] = [124, 128 + 9];
/** The channel is abandoned this long after the host's own timeout should have fired. */
const BACKSTOP_MS = (KILL_AFTER_SECONDS + 5) * 1000;

/** What a command produced, as bytes: downloads need them unmangled. */
export interface RawResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exitCode: number;
}

/** The `Host` every module uses, over one reused SSH connection. */
export class SshHost implements Host {
  readonly name: string;
  readonly address: string;
  readonly user: string;
  readonly #session: SshSession;
  readonly #logger: Logger;

  constructor(session: SshSession, logger: Logger) {
    this.name = session.target.name;
    this.address = session.target.address;
    this.user = session.target.user;
    this.#session = session;
    this.#logger = logger;
  }

  /** Uploads write as root directly over SFTP; other users go through sudo. */
  get isRoot(): boolean {
    return this.user === 'root';
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const raw = await this.execRaw(argv, options);
    return { stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), exitCode: raw.exitCode };
  }

  /** `exec` with byte output; kit's own transfer helpers use it. */
  async execRaw(argv: readonly string[], options: ExecOptions = {}): Promise<RawResult> {
    const display = options.displayAs ?? quoteArgv(argv);
    const sudo = !this.isRoot && options.sudo !== false;
    // stdin may hold a secret: it is neither logged nor put in errors.
    this.#logger.log({ level: 'debug', host: this.name, message: `$ ${display}` });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const outcome = await this.#session.command({
      command: commandLine(argv, { sudo, timeoutMs }),
      display,
      timeoutMs: timeoutMs + BACKSTOP_MS,
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      ...(options.onStdout === undefined ? {} : { onStdout: options.onStdout }),
      ...(options.onStderr === undefined ? {} : { onStderr: options.onStderr }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const exit = outcome.exit ?? { code: null };
    if (exit.code !== null && TIMED_OUT_CODES.includes(exit.code) && outcome.elapsedMs >= timeoutMs) {
      throw new RemoteCommandTimeoutError(this.name, display, timeoutMs);
    }
    const allowed = options.allowedExitCodes ?? [0];
    if (exit.code === null || !allowed.includes(exit.code)) {
      throw new RemoteCommandError({
        host: this.name,
        command: display,
        exitCode: exit.code,
        ...(exit.signal === undefined ? {} : { signal: exit.signal }),
        stderrTail: stderrTail(outcome.stderr.toString('utf8')),
      });
    }
    return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: exit.code };
  }

  upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<UploadResult> {
    return uploadFile({ host: this, session: this.#session }, { content, remotePath, options });
  }

  download(remotePath: string, options: { readonly signal?: AbortSignal } = {}): Promise<Buffer | undefined> {
    return downloadFile({ host: this, session: this.#session }, remotePath, options.signal);
  }

  stats(): TransportStats {
    return { ...this.#session.counters };
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}

/** The last lines of stderr: enough to see the failure, short enough for a message. */
export function stderrTail(stderr: string, lines = STDERR_TAIL_LINES): string {
  return stderr.trimEnd().split('\n').slice(-lines).join('\n');
}
