import { setTimeout as delay } from 'node:timers/promises';
import type { SFTPWrapper } from 'ssh2';
import { CancelledError } from '../errors/cancelled-error.ts';
import { KitError } from '../errors/kit-error.ts';
import { ConnectionLostError, HostUnreachableError } from '../errors/ssh-errors.ts';
import { ChannelLimiter } from './channel-limiter.ts';
import { ChannelNotOpenedError, runChannel, type ChannelOutcome, type ChannelRequest } from './run-channel.ts';
import { openSshConnection, type ConnectSettings } from './ssh-connect.ts';
import type { SshConnection } from './ssh-connection.ts';
import type { SshTarget } from './ssh-target.ts';

export interface SessionOptions {
  readonly target: SshTarget;
  readonly settings: ConnectSettings;
  /** Session channels open at once on the connection, the shared SFTP session's included. */
  readonly maxChannels: number;
  /** Connect attempts after a drop before giving up; they wait 0.5 s, 1 s, 2 s, … between. */
  readonly reconnectAttempts: number;
}

/** Retries of a command whose channel sshd refused (50 ms … 3.2 s apart, 6.35 s in all). */
const OPEN_RETRIES = 7;

export interface SessionCounters {
  roundTrips: number;
  bytesSent: number;
  connects: number;
}

/**
 * One host's connection over time: opened once, shared by every command and transfer,
 * re-opened on the next use after it drops. Work that was in flight when it dropped fails
 * with ConnectionLostError and is never re-run, since it may have had effects.
 */
export class SshSession {
  readonly target: SshTarget;
  readonly counters: SessionCounters = { roundTrips: 0, bytesSent: 0, connects: 0 };
  readonly #options: SessionOptions;
  readonly #limiter: ChannelLimiter;
  #connection: SshConnection | undefined;
  #connecting: Promise<SshConnection> | undefined;
  #closed = false;

  constructor(options: SessionOptions) {
    this.target = options.target;
    this.#options = options;
    // One slot stays free for the SFTP session, which lives as long as the connection.
    this.#limiter = new ChannelLimiter(Math.max(1, options.maxChannels - 1));
  }

  /** The first connect: errors are reported as they are, without retries. */
  async open(): Promise<void> {
    await this.#connect();
  }

  /** Runs one command on a channel of the live connection. */
  async command(request: Omit<ChannelRequest, 'host'>): Promise<ChannelOutcome> {
    const release = await this.#limiter.acquire(request.signal);
    // Counted once per command, however many times a refused channel open is retried.
    this.counters.roundTrips++;
    try {
      return await this.#commandOnLive(request);
    } finally {
      release();
    }
  }

  async #commandOnLive(request: Omit<ChannelRequest, 'host'>, attempt = 0): Promise<ChannelOutcome> {
    const host = this.target.name;
    const connection = await this.#live();
    try {
      const outcome = await runChannel(connection.client, { ...request, host });
      if (outcome.exit === undefined && !connection.alive) {
        throw new ConnectionLostError(host, `while \`${request.display}\` was running (${connection.downReason}); it was not re-run`);
      }
      return outcome;
    } catch (error) {
      // Safe to retry only when the command provably never started.
      if (error instanceof ChannelNotOpenedError && attempt < (error.refused ? OPEN_RETRIES : 1)) {
        // sshd frees a session slot only after our close reaches it, so a refusal at
        // MaxSessions clears within a round trip or two; a dead socket needs a reconnect.
        if (error.refused) await backoff(attempt, request.signal, 50);
        else void connection.end();
        return this.#commandOnLive(request, attempt + 1);
      }
      if (error instanceof KitError) throw error;
      if (!connection.alive) {
        throw new ConnectionLostError(host, `while starting \`${request.display}\` (${connection.downReason}); it was not re-run`, { cause: error });
      }
      throw new KitError('REMOTE_COMMAND_FAILED', `${host}: sshd would not start \`${request.display}\`: ${String(error)}`, {
        hint: "Check sshd's MaxSessions on the host and that the SSH user may run commands.",
        cause: error,
      });
    }
  }

  /** Runs `work` with the connection's SFTP session; `what` names the transfer in errors. */
  async withSftp<T>(what: string, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const host = this.target.name;
    const connection = await this.#live();
    try {
      return await work(await connection.sftp());
    } catch (error) {
      if (error instanceof KitError) throw error;
      if (!connection.alive) throw new ConnectionLostError(host, `during ${what} (${connection.downReason})`, { cause: error });
      throw new KitError('TRANSFER_FAILED', `${host}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'Check free space and permissions on the host, and that sshd offers the sftp subsystem.',
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#connecting;
    this.#connecting = undefined;
    await pending?.catch(() => undefined);
    await this.#connection?.end();
  }

  #live(): Promise<SshConnection> {
    if (this.#closed) {
      return Promise.reject(new KitError('INTERNAL', `${this.target.name}: the connection was used after close()`));
    }
    const current = this.#connection;
    if (current?.alive === true) return Promise.resolve(current);
    this.#connecting ??= this.#reconnect(current?.downReason ?? 'not connected').finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #reconnect(reason: string): Promise<SshConnection> {
    const { logger, signal } = this.#options.settings;
    logger.log({ level: 'info', host: this.target.name, message: `SSH connection lost (${reason}); reconnecting` });
    let lastError: unknown;
    for (let attempt = 0; attempt < this.#options.reconnectAttempts; attempt++) {
      if (attempt > 0) await backoff(attempt - 1, signal, 500);
      try {
        return await this.#connect();
      } catch (error) {
        // A refused key or login will not fix itself by retrying.
        if (!(error instanceof HostUnreachableError || error instanceof ConnectionLostError)) throw error;
        lastError = error;
      }
    }
    throw lastError ?? new ConnectionLostError(this.target.name, reason);
  }

  async #connect(): Promise<SshConnection> {
    const connection = await openSshConnection(this.target, this.#options.settings);
    if (this.#closed) {
      await connection.end();
      throw new KitError('INTERNAL', `${this.target.name}: the connection was used after close()`);
    }
    this.counters.connects++;
    this.#connection = connection;
    connection.onDown((why) => {
      this.#options.settings.logger.log({ level: 'debug', host: this.target.name, message: `SSH connection down: ${why}` });
    });
    return connection;
  }
}

/** Waits `baseMs` · 2^step, cancellable. */
async function backoff(step: number, signal: AbortSignal | undefined, baseMs: number): Promise<void> {
  try {
    await delay(baseMs * 2 ** step, undefined, signal === undefined ? {} : { signal });
  } catch {
    throw new CancelledError();
  }
}
