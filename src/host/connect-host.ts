import { silentLogger, type Logger } from '../workflow/logger.ts';
import { SshHost } from './ssh-host.ts';
import { SshSession } from './ssh-session.ts';
import type { SshTarget } from './ssh-target.ts';

export interface ConnectOptions {
  /** Record keys of hosts known_hosts does not list yet instead of refusing them. Changed keys are refused regardless. */
  readonly acceptNewHostKeys: boolean;
  readonly logger?: Logger;
  /** Cancels connecting and reconnecting. */
  readonly signal?: AbortSignal;
  /** TCP connect + SSH handshake + login must finish within this. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** SSH keepalive period; three unanswered ones drop the connection. Default 15 s. */
  readonly keepaliveIntervalMs?: number;
  /** Session channels open at once per connection (sshd's MaxSessions is 10). Default 8. */
  readonly maxChannels?: number;
  /** Connect attempts after the connection dropped. Default 3. */
  readonly reconnectAttempts?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_CHANNELS = 8;
export const DEFAULT_RECONNECT_ATTEMPTS = 3;

/**
 * Opens the one connection a host gets and returns it as a `Host`. It verifies the host key,
 * logs in with the target's key, and stays open (reconnecting when it drops) until close().
 */
export async function connectHost(target: SshTarget, options: ConnectOptions): Promise<SshHost> {
  const logger = options.logger ?? silentLogger;
  const session = new SshSession({
    target,
    settings: {
      acceptNewHostKeys: options.acceptNewHostKeys,
      logger,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    maxChannels: options.maxChannels ?? DEFAULT_MAX_CHANNELS,
    reconnectAttempts: options.reconnectAttempts ?? DEFAULT_RECONNECT_ATTEMPTS,
  });
  await session.open();
  logger.log({ level: 'debug', host: target.name, message: `connected to ${target.user}@${target.address}:${target.port}` });
  return new SshHost(session, logger);
}
