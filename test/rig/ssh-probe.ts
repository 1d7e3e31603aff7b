import { connect } from 'node:net';
import { execLocal, type LocalResult } from './exec-local.ts';

export interface SshProbeTarget {
  readonly address: string;
  readonly keyPath: string;
  readonly knownHostsPath: string;
}

/** Options that make the ssh client use only the rig's key and known_hosts, never the user's. */
export function sshClientArgv(target: SshProbeTarget, command: readonly string[]): string[] {
  return [
    'ssh', '-F', '/dev/null', '-i', target.keyPath,
    '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${target.knownHostsPath}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR',
    `root@${target.address}`, '--', ...command,
  ];
}

export async function sshRun(target: SshProbeTarget, command: readonly string[]): Promise<LocalResult> {
  return execLocal(sshClientArgv(target, command), { allowFail: true, timeoutMs: 30_000 });
}

/** True once something accepts a TCP connection on port 22 (cheaper than an ssh attempt). */
export function tcpOpen(address: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: timeoutMs });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** One readiness probe: port 22 answers and a real ssh command with the rig key succeeds. */
export async function sshReady(target: SshProbeTarget): Promise<{ ready: boolean; detail: string }> {
  if (!(await tcpOpen(target.address, 1000))) return { ready: false, detail: 'port 22 is closed' };
  const result = await sshRun(target, ['true']);
  return { ready: result.exitCode === 0, detail: result.exitCode === 0 ? '' : `ssh exited ${result.exitCode}: ${result.stderr.trim()}` };
}
