import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KitError } from '../../errors/kit-error.ts';
import { HostKeyUnknownError } from '../../errors/ssh-errors.ts';
import { connectHost } from '../../host/connect-host.ts';
import type { SshEndpoint, SshTarget } from '../../host/ssh-target.ts';
import { parseHostNetworks, HOST_NETWORKS_SCRIPT } from './host-networks.ts';
import type { HostNetwork } from './host-networks.ts';

/** One host as answered so far: enough to open an SSH connection. */
export interface CandidateHost {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly keyFile: string;
  /** Only from a `--from` inventory; the wizard does not ask for jump hosts. */
  readonly bastion?: SshEndpoint;
}

export interface HostFacts {
  /** `hostname` as the server reports it. */
  readonly hostname: string;
  readonly networks: readonly HostNetwork[];
  /** Global addresses: the default internal IP of a host reached by DNS name. */
  readonly addresses: readonly string[];
}

const CONNECT = { acceptNewHostKeys: false, reconnectAttempts: 0, connectTimeoutMs: 10_000 } as const;

/**
 * The fingerprint of the key the host presents, learnt without trusting it: the connection is
 * checked against a known_hosts file that does not exist, so src/host refuses the key inside
 * the key exchange, before any credential is offered, and reports what it saw.
 */
export async function presentedHostKey(host: CandidateHost, signal?: AbortSignal): Promise<string> {
  if (host.bastion !== undefined && host.bastion.hostKey === undefined) {
    throw new KitError('USAGE', `${host.address}: kit setup can only check a host behind a jump host whose key is pinned`, {
      hint: `Pin the jump host's key as ssh.bastion.hostKey (ssh-keygen -lf on ${host.bastion.address}) in the --from inventory, or check this host with kit preflight.`,
    });
  }
  const nowhere = join(tmpdir(), `kit-setup-no-known-hosts-${randomUUID()}`);
  try {
    const connection = await connectHost(targetOf(host, { knownHostsFile: nowhere }), { ...CONNECT, ...signalOf(signal) });
    await connection.close();
  } catch (error) {
    if (error instanceof HostKeyUnknownError) return error.fingerprint;
    throw error;
  }
  throw new KitError('INTERNAL', `${host.address}: the connection was accepted without checking the host key`);
}

/**
 * Logs in trusting only `hostKey`, checks that the user may run `sudo -n` (unless root),
 * and reads the facts the next questions use as defaults.
 */
export async function checkLogin(host: CandidateHost & { readonly hostKey: string }, signal?: AbortSignal): Promise<HostFacts> {
  const connection = await connectHost(targetOf(host, { knownHostsFile: join(tmpdir(), 'kit-setup-unused-known-hosts'), hostKey: host.hostKey }), { ...CONNECT, ...signalOf(signal) });
  try {
    const any = Array.from({ length: 256 }, (_, code) => code);
    if (host.user !== 'root') {
      const sudo = await connection.exec(['sudo', '-n', 'true'], { sudo: false, allowedExitCodes: any, timeoutMs: 15_000, ...signalOf(signal) });
      if (sudo.exitCode !== 0) throw new SudoUnavailableError(host, sudo.exitCode, sudo.stderr);
    }
    const facts = await connection.exec(['sh', '-c', `hostname; echo @@networks; ${HOST_NETWORKS_SCRIPT}`], { sudo: false, allowedExitCodes: any, timeoutMs: 15_000, ...signalOf(signal) });
    const [hostname = '', networks = ''] = facts.stdout.split('@@networks\n');
    return { hostname: hostname.trim(), ...parseHostNetworks(host.address, networks) };
  } finally {
    await connection.close();
  }
}

/** The user logged in but cannot become root without a password, which kit cannot type. */
export class SudoUnavailableError extends KitError {
  constructor(host: CandidateHost, exitCode: number, stderr: string) {
    const detail = stderr.trim() === '' ? '' : `: ${stderr.trim().split('\n')[0] ?? ''}`;
    super('REMOTE_COMMAND_FAILED', `${host.user}@${host.address}: \`sudo -n true\` exited ${exitCode}${detail}`, {
      hint:
        `kit runs its commands as root: answer root as the SSH user, or give ${host.user} passwordless sudo on the host ` +
        `(echo '${host.user} ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/kit, as root).`,
    });
  }
}

/** The hostKey pin means the known_hosts path is never read; it is only there because SshTarget needs one. */
function targetOf(host: CandidateHost, extra: { knownHostsFile: string; hostKey?: string }): SshTarget {
  return {
    name: host.address,
    address: host.address,
    port: host.port,
    user: host.user,
    keyFile: host.keyFile,
    knownHostsFile: extra.knownHostsFile,
    ...(extra.hostKey === undefined ? {} : { hostKey: extra.hostKey }),
    ...(host.bastion === undefined ? {} : { bastion: host.bastion }),
  };
}

function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
