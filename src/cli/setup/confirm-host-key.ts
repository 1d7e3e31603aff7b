import { readFile } from 'node:fs/promises';
import { contractPath } from '../../inventory/expand-path.ts';
import { describeHostKeyStatus, hostKeyStatus } from './host-key-status.ts';
import type { SetupIo } from './setup-io.ts';

export interface HostKeyQuestion {
  readonly address: string;
  readonly port: number;
  readonly fingerprint: string;
  /** The key `--from` pinned for this host at this address and port. */
  readonly pinned?: string;
  readonly knownHostsFile: string;
}

/**
 * Shows the presented key with what the user's records say about it and asks whether to trust
 * it. Only a key already on record defaults to yes; a revoked one is refused without asking.
 */
export async function confirmHostKey(io: SetupIo, question: HostKeyQuestion): Promise<boolean> {
  const knownHostsText = await readFile(question.knownHostsFile, 'utf8').catch(() => '');
  const status = hostKeyStatus(question.fingerprint, {
    address: question.address,
    port: question.port,
    ...(question.pinned === undefined ? {} : { pinned: question.pinned }),
    knownHostsFile: contractPath(question.knownHostsFile, io.paths.homeDir),
    knownHostsText,
  });
  const { note, trustByDefault } = describeHostKeyStatus(status);
  io.print(`  ${question.address}:${question.port} presents the host key ${question.fingerprint}\n  (${note})`);
  if (status.kind === 'revoked') return false;
  return io.prompter.confirm({
    message: `Trust this key for ${question.address}? (check on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)`,
    default: trustByDefault,
  });
}
