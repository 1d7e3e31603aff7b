/** Stable error codes: scripts and the JSON renderer match on these, never on messages. */
export type KitErrorCode =
  | 'INVENTORY_INVALID'
  | 'INVENTORY_UNREADABLE'
  | 'USAGE'
  | 'HOST_UNREACHABLE'
  | 'SSH_AUTH_FAILED'
  | 'HOST_KEY_UNKNOWN'
  | 'HOST_KEY_CHANGED'
  | 'SSH_CONNECTION_LOST'
  | 'REMOTE_COMMAND_FAILED'
  | 'REMOTE_COMMAND_TIMEOUT'
  | 'TRANSFER_FAILED'
  | 'HOSTS_FAILED'
  | 'PREFLIGHT_FAILED'
  | 'PKI_INVALID'
  | 'ARTIFACT_INVALID'
  | 'ARTIFACT_UNAVAILABLE'
  | 'VERSION_UNSUPPORTED'
  | 'NETWORK_CONFIG_INVALID'
  | 'RIG_FAILED'
  | 'DAEMON_UNHEALTHY'
  | 'ETCD_MEMBERSHIP'
  | 'JOIN_FAILED'
  | 'CLUSTER_NOT_READY'
  | 'CLUSTER_DEGRADED'
  | 'KUBECONFIG_CONFLICT'
  | 'CANCELLED'
  | 'INTERNAL';

export interface KitErrorOptions {
  /** What the user should do about it: a command to run, a field to fix, a check to ignore. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * The one error shape kit shows users. The message says what went wrong and where;
 * the hint says what to do. Only `main` turns one into an exit code.
 */
export class KitError extends Error {
  readonly code: KitErrorCode;
  readonly hint: string | undefined;

  constructor(code: KitErrorCode, message: string, options: KitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

export function isKitError(value: unknown): value is KitError {
  return value instanceof KitError;
}
