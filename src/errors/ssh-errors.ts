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

export interface SshAuthFailure {
  readonly host: string;
  readonly user: string;
  readonly keyFile: string;
  readonly address: string;
  readonly port: number;
  /** The inventory block the user and key come from, e.g. `hosts[].ssh` or `hosts[].ssh.bastion`. */
  readonly field?: string;
  readonly cause?: unknown;
}

/** sshd answered but refused every key we offered. */
export class SshAuthError extends KitError {
  readonly host: string;
  constructor(failure: SshAuthFailure) {
    const field = failure.field ?? 'hosts[].ssh';
    const port = failure.port === 22 ? '' : ` -p ${failure.port}`;
    super('SSH_AUTH_FAILED', `${failure.host}: ${failure.address}:${failure.port} refused the key ${failure.keyFile} for user ${failure.user}`, {
      hint:
        `Check ${field}.keyFile and ${field}.user in the inventory and that the public key is in the user's ` +
        `~/.ssh/authorized_keys; try: ssh -i ${failure.keyFile}${port} ${failure.user}@${failure.address}`,
      cause: failure.cause,
    });
    this.host = failure.host;
  }
}

/** The private key file cannot be used: missing, unreadable, encrypted or not a key. */
export class SshKeyFileError extends KitError {
  readonly host: string;
  constructor(host: string, keyFile: string, field: string, reason: string) {
    super('SSH_AUTH_FAILED', `${host}: the SSH key ${keyFile} (${field}) ${reason}`, {
      hint:
        `Point ${field} at an unencrypted private key kit can read (ssh-keygen -t ed25519 -N '' -f FILE), ` +
        'or remove the passphrase from a copy with ssh-keygen -p -f FILE.',
    });
    this.host = host;
  }
}

/** The host presented a key that nothing we trust vouches for. */
export class HostKeyUnknownError extends KitError {
  readonly host: string;
  readonly fingerprint: string;
  constructor(options: { host: string; endpoint: string; keyType: string; fingerprint: string; knownHostsFile: string }) {
    const { host, endpoint, keyType, fingerprint, knownHostsFile } = options;
    const pub = `/etc/ssh/ssh_host_${shortKeyType(keyType)}_key.pub`;
    super('HOST_KEY_UNKNOWN', `${host}: the host key of ${endpoint} is not known (${keyType} ${fingerprint})`, {
      hint:
        `Compare ${fingerprint} with the server's own (ssh-keygen -lf ${pub} on it), then ` +
        `pin it as hosts[].ssh.hostKey in the inventory, add it to ${knownHostsFile}, or re-run with --accept-new-host-keys.`,
    });
    this.host = host;
    this.fingerprint = fingerprint;
  }
}

export interface HostKeyMismatch {
  readonly host: string;
  /** `address:port` (with a "bastion" prefix when it is the jump host). */
  readonly endpoint: string;
  /** How known_hosts names the endpoint, for the `ssh-keygen -R` hint. */
  readonly knownHostsName: string;
  /** `keytype SHA256:…` of what the server showed. */
  readonly presented: string;
  /** What we expected instead, in words. */
  readonly expected: string;
  /** Where the expectation comes from: `FILE:LINE` or the inventory field. */
  readonly source: string;
}

/** The host presented a key different from the one recorded: possibly an attack, never accepted. */
export class HostKeyChangedError extends KitError {
  readonly host: string;
  constructor(mismatch: HostKeyMismatch) {
    const { host, endpoint, presented, expected, source } = mismatch;
    super('HOST_KEY_CHANGED', `${host}: HOST KEY CHANGED for ${endpoint}: it presented ${presented} but ${source} expects ${expected}`, {
      hint:
        'Someone may be intercepting the connection, or the server was reinstalled. Verify the new key out of band; ' +
        `only then remove the old entry (ssh-keygen -R '${mismatch.knownHostsName}') or update the pinned hostKey. ` +
        'kit never replaces a known key itself.',
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

function shortKeyType(keyType: string): string {
  if (keyType.startsWith('ecdsa-')) return 'ecdsa';
  if (keyType === 'ssh-rsa') return 'rsa';
  return keyType.replace(/^ssh-/u, '');
}
