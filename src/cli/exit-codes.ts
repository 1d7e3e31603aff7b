import type { KitErrorCode } from '../errors/kit-error.ts';

/** Documented in docs/cli.md: scripts may rely on these. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  preflight: 3,
  hostKey: 4,
  connect: 5,
  /** `kit status`: something is down (host, unit, health check, Node, etcd member, expired certificate). */
  degraded: 6,
  internal: 70,
  cancelled: 130,
} as const;

const BY_CODE: Readonly<Record<KitErrorCode, number>> = {
  USAGE: EXIT.usage,
  INVENTORY_INVALID: EXIT.usage,
  INVENTORY_UNREADABLE: EXIT.usage,
  PREFLIGHT_FAILED: EXIT.preflight,
  HOST_KEY_UNKNOWN: EXIT.hostKey,
  HOST_KEY_CHANGED: EXIT.hostKey,
  HOST_UNREACHABLE: EXIT.connect,
  SSH_AUTH_FAILED: EXIT.connect,
  SSH_CONNECTION_LOST: EXIT.failed,
  REMOTE_COMMAND_FAILED: EXIT.failed,
  REMOTE_COMMAND_TIMEOUT: EXIT.failed,
  TRANSFER_FAILED: EXIT.failed,
  HOSTS_FAILED: EXIT.failed,
  PKI_INVALID: EXIT.failed,
  ARTIFACT_INVALID: EXIT.failed,
  ARTIFACT_UNAVAILABLE: EXIT.failed,
  VERSION_UNSUPPORTED: EXIT.usage,
  NETWORK_CONFIG_INVALID: EXIT.failed,
  RIG_FAILED: EXIT.failed,
  DAEMON_UNHEALTHY: EXIT.failed,
  JOIN_FAILED: EXIT.failed,
  CLUSTER_NOT_READY: EXIT.failed,
  CLUSTER_DEGRADED: EXIT.degraded,
  KUBECONFIG_CONFLICT: EXIT.failed,
  ETCD_MEMBERSHIP: EXIT.failed,
  CANCELLED: EXIT.cancelled,
  INTERNAL: EXIT.internal,
};

export function exitCodeFor(code: KitErrorCode): number {
  return BY_CODE[code];
}
