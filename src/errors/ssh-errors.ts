import { KitError } from './kit-error.ts';

/** Nothing answered at the host's address and port (down, firewalled, wrong address). */
export class HostUnreachableError extends KitError {
  readonly host: string;
  constructor(host: string, endpoint: string, reason: string, options: { hint?: string; cause?: unknown } = {}) {
    super('HOST_UNREACHABLE', `${host}: cannot reach ${endpoint}: ${reason}`, {
      hint: options.hint ?? `Check that ${endpoint} is the right address and port and that sshd runs there (ssh -p PORT USER@ADDRESS).`,
      cause: options.cause,
    });
    this.host = host;
  }
}

/** sshd answered but refused every key we offered. */
export class SshAuthError extends KitError {
  readonly host: string;
  constructor(host: string, user: string, keyFile: string, options: { cause?: unknown } = {}) {
    super('SSH_AUTH_FAILED', `${host}: ssh refused the key ${keyFile} for user ${user}`, {
      hint: `Check hosts[].ssh.keyFile and hosts[].ssh.user in the inventory; try: ssh -i ${keyFile} ${user}@<address>`,
      cause: options.cause,
    });
    this.host = host;
  }
}

/** The host presented a key that nothing we trust vouches for. */
export class HostKeyUnknownError extends KitError {
  readonly host: string;
  readonly fingerprint: string;
  constructor(host: string, endpoint: string, fingerprint: string, knownHostsFile: string) {
    super('HOST_KEY_UNKNOWN', `${host}: the host key of ${endpoint} is not known (${fingerprint})`, {
      hint:
        `Compare ${fingerprint} with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), then ` +
        `pin it as hosts[].ssh.hostKey in the inventory, add it to ${knownHostsFile}, or re-run with --accept-new-host-keys.`,
    });
    this.host = host;
    this.fingerprint = fingerprint;
  }
}

/** The host presented a key different from the one recorded: possibly an attack, never accepted. */
export class HostKeyChangedError extends KitError {
  readonly host: string;
  constructor(host: string, endpoint: string, presented: string, expected: string, source: string) {
    super('HOST_KEY_CHANGED', `${host}: HOST KEY CHANGED for ${endpoint}: it presented ${presented} but ${source} expects ${expected}`, {
      hint:
        'Someone may be intercepting the connection, or the server was reinstalled. Verify the new key out of band; ' +
        `only then remove the old entry (ssh-keygen -R ${endpoint.replace(/:22$/u, '')}) or update the pinned hostKey. kit never replaces a known key itself.`,
    });
    this.host = host;
  }
}

/** An established connection dropped and could not be re-established. */
export class ConnectionLostError extends KitError {
  readonly host: string;
  constructor(host: string, reason: string, options: { cause?: unknown } = {}) {
    super('SSH_CONNECTION_LOST', `${host}: the SSH connection was lost: ${reason}`, {
      hint: 'Re-run the command: phases are idempotent. If it keeps happening, check the network and sshd MaxSessions/ClientAlive settings.',
      cause: options.cause,
    });
    this.host = host;
  }
}
