import { createHostCgroups, removeHostCgroups } from './cgroups.ts';
import { writeHostIdentity, mountHostRoot } from './host-files.ts';
import { bootError, startMachine } from './host-machine.ts';
import { isAlive, sleep } from './process-info.ts';
import { sshReady } from './ssh-probe.ts';
import type { HostState, RigState } from './rig-state.ts';

export interface BootContext {
  readonly state: RigState;
  readonly keyPath: string;
  readonly knownHostsPath: string;
  readonly bootTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** Persists the state after the host's nspawn was recorded. */
  readonly save: () => Promise<void>;
}

/** Creates a host's disk and identity (before boot). Returns its public host key. */
export async function prepareHost(host: HostState, options: { imageRootfs: string; authorizedKey: string }): Promise<string> {
  await mountHostRoot(host, options.imageRootfs);
  return writeHostIdentity(host, { authorizedKey: options.authorizedKey });
}

/** Boots a prepared host and waits until its sshd accepts the rig key. */
export async function bootHost(host: HostState, context: BootContext): Promise<void> {
  // Fresh cgroups: nspawn and the host's systemd create their own sub-cgroups at each boot.
  await removeHostCgroups(host.cgroupDirs);
  host.cgroupDirs = await createHostCgroups(host.machine);
  await context.save();
  host.nspawn = await startMachine(host, context.state.bridge);
  await context.save();
  await waitForSsh(host, context);
}

async function waitForSsh(host: HostState, context: BootContext): Promise<void> {
  const deadline = Date.now() + context.bootTimeoutMs;
  for (;;) {
    context.signal?.throwIfAborted();
    if (host.nspawn === null || !(await isAlive(host.nspawn))) throw await bootError(host, 'systemd-nspawn exited during boot');
    const probe = await sshReady({ address: host.address, keyPath: context.keyPath, knownHostsPath: context.knownHostsPath });
    if (probe.ready) return;
    if (Date.now() >= deadline) throw await bootError(host, `sshd did not accept the rig key within ${context.bootTimeoutMs / 1000} s (${probe.detail})`);
    await sleep(250);
  }
}
