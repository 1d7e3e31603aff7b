import type { KitError } from '../errors/kit-error.ts';
import { HostUnreachableError, SshAuthError } from '../errors/ssh-errors.ts';

/** What we know about the hop that failed, to build a message that names it. */
export interface HopDescription {
  readonly host: string;
  /** `address:port`, prefixed "bastion" for a jump host. */
  readonly endpoint: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly keyFile: string;
  /** Inventory block: `hosts[].ssh` or `hosts[].ssh.bastion`. */
  readonly field: string;
  readonly connectTimeoutMs: number;
}

const SOCKET_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  EHOSTUNREACH: 'no route to the host (it is down or the address is wrong)',
  ENETUNREACH: 'the network is unreachable from here',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset during the SSH handshake',
  EPIPE: 'the connection was closed during the SSH handshake',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved right now',
};

/** Turns an ssh2 connect error (tagged with a `level`) into the KitError a user reads. */
export function connectError(error: unknown, hop: HopDescription): KitError {
  const level = (error as { level?: unknown } | undefined)?.level;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (level === 'client-authentication') {
    return new SshAuthError({ ...hop, cause: error });
  }
  if (level === 'client-timeout') {
    return new HostUnreachableError(hop.host, hop.endpoint, `no SSH handshake within ${hop.connectTimeoutMs} ms`, {
      cause: error,
    });
  }
  const known = typeof code === 'string' ? SOCKET_REASONS[code] : undefined;
  return new HostUnreachableError(hop.host, hop.endpoint, known ?? message, { cause: error });
}
