import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError } from '../errors/cancelled-error.ts';
import { RemoteCommandTimeoutError } from '../errors/remote-command-error.ts';

export interface ChannelRequest {
  readonly host: string;
  /** The exact command line for sshd. */
  readonly command: string;
  /** How the command appears in errors: never the secret parts. */
  readonly display: string;
  /** Closes the channel and fails with RemoteCommandTimeoutError after this long. */
  readonly timeoutMs: number;
  readonly stdin?: string | Buffer;
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
  readonly signal?: AbortSignal;
}

export interface ChannelOutcome {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** Undefined when the channel closed without an exit status: the connection dropped. */
  readonly exit?: { readonly code: number | null; readonly signal?: string };
  readonly elapsedMs: number;
}

/**
 * The command certainly did not start: the socket was already gone (`refused` false) or
 * sshd refused the channel, typically at MaxSessions (`refused` true). Safe to retry.
 */
export class ChannelNotOpenedError extends Error {
  readonly refused: boolean;
  constructor(message: string, refused: boolean) {
    super(message);
    this.refused = refused;
  }
}

/**
 * Runs one command on its own session channel and collects its output. Only timeouts and
 * aborts are errors here; judging the exit status is the caller's business.
 */
export function runChannel(client: Client, request: ChannelRequest): Promise<ChannelOutcome> {
  if (aborted(request)) return Promise.reject(cancelled(request));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Listeners must be attached in the very callback that hands us the channel: ssh2 parses
    // a whole TCP read at once, so a fast command's exit status can arrive in the same batch
    // as the exec confirmation, and an `exit` event nobody listens to is gone for good.
    openExec(client, request.command, reject, (channel) => {
      if (aborted(request)) {
        channel.close();
        reject(cancelled(request));
        return;
      }
      watch(channel, request, (error, outcome) => {
        if (outcome === undefined) reject(error);
        else resolve({ ...outcome, elapsedMs: Date.now() - started });
      });
    });
  });
}

type Settle = (error: Error | undefined, outcome?: Omit<ChannelOutcome, 'elapsedMs'>) => void;

function watch(channel: ClientChannel, request: ChannelRequest, settle: Settle): void {
  let settled = false;
  const finish: Settle = (error, outcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    settle(error, outcome);
  };
  const abandon = (error: Error): void => {
    // Best effort: sshd delivers TERM only to a command that is not under sudo; closing
    // the channel drops its pipes. The host-side timeout (see commandLine) does the rest.
    channel.signal('TERM');
    channel.close();
    finish(error);
  };
  const timer = setTimeout(() => abandon(new RemoteCommandTimeoutError(request.host, request.display, request.timeoutMs)), request.timeoutMs);
  const onAbort = (): void => abandon(cancelled(request));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  collect(channel, request, (outcome) => finish(undefined, outcome));
}

function openExec(client: Client, command: string, fail: (error: Error) => void, opened: (channel: ClientChannel) => void): void {
  try {
    client.exec(command, (error, channel) => {
      if (error === undefined) {
        opened(channel);
        return;
      }
      // ssh2 tags a refused CHANNEL_OPEN with the server's reason code.
      const refused = typeof (error as { reason?: unknown }).reason === 'number';
      fail(refused ? new ChannelNotOpenedError(error.message, true) : error);
    });
  } catch (error) {
    // ssh2 throws synchronously only when the socket is already gone.
    fail(new ChannelNotOpenedError(error instanceof Error ? error.message : String(error), false));
  }
}

function aborted(request: ChannelRequest): boolean {
  return request.signal?.aborted === true;
}

function cancelled(request: ChannelRequest): CancelledError {
  return new CancelledError(`${request.host}: \`${request.display}\` was cancelled`);
}

function collect(channel: ClientChannel, request: ChannelRequest, done: (outcome: Omit<ChannelOutcome, 'elapsedMs'>) => void): void {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const outText = new StringDecoder('utf8');
  const errText = new StringDecoder('utf8');
  let exit: ChannelOutcome['exit'];
  channel.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    emit(request.onStdout, outText.write(chunk));
  });
  channel.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    emit(request.onStderr, errText.write(chunk));
  });
  channel.on('exit', (code: number | null, signal?: string) => {
    exit = signal === undefined ? { code } : { code, signal };
  });
  // Errors surface again as a close without exit status; handling them keeps them from crashing.
  channel.on('error', () => undefined);
  // ssh2 closes the channel once stdout has ended; stderr ends on its own, so wait for both.
  let open = 2;
  const closed = (): void => {
    if (--open > 0) return;
    emit(request.onStdout, outText.end());
    emit(request.onStderr, errText.end());
    done({ stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), ...(exit === undefined ? {} : { exit }) });
  };
  channel.once('close', closed);
  channel.stderr.once('close', closed);
  channel.end(request.stdin);
}

/** Text only: a chunk that ends inside a UTF-8 character waits for the rest. */
function emit(listener: ((chunk: string) => void) | undefined, text: string): void {
  if (listener !== undefined && text !== '') listener(text);
}
