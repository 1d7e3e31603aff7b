import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cgroupPids, procsFiles } from './cgroups.ts';
import { SYSTEM_PATH } from './exec-local.ts';
import { namespacePids, processRef, sleep, type ProcessRef } from './process-info.ts';
import { RigError, tailLines } from './rig-error.ts';
import { hostDirs, type HostState } from './rig-state.ts';

/**
 * The nspawn command for one host. `--register=no --keep-unit` because no systemd runs on the
 * machine; the capability, user-namespace and keyring flags let containerd and runc run inside.
 */
export function nspawnArgv(host: HostState, bridge: string): string[] {
  const dirs = hostDirs(host);
  return [
    'systemd-nspawn',
    `--directory=${dirs.root}`,
    `--machine=${host.machine}`,
    `--hostname=${host.name}`,
    '--register=no',
    '--keep-unit',
    '--boot',
    `--network-bridge=${bridge}`,
    '--capability=all',
    '--private-users=no',
    '--system-call-filter=@keyring',
    '--resolv-conf=off',
    '--link-journal=no',
    '--console=read-only',
    // containerd's overlay snapshots cannot live on the host's overlay root.
    `--bind=${dirs.containerd}:/var/lib/containerd`,
  ];
}

/**
 * Boots a host: a shell moves itself into the host's cgroups and execs nspawn, detached from
 * this process so a rig can outlive it. The console goes to the host's console.log.
 */
export async function startMachine(host: HostState, bridge: string): Promise<ProcessRef> {
  const log = openSync(hostDirs(host).consoleLog, 'a');
  try {
    const child = spawn('/bin/sh', ['-c', 'for f in $KIT_RIG_CGROUP_PROCS; do echo $$ > "$f"; done; exec "$@"', 'kit-rig', ...nspawnArgv(host, bridge)], {
      detached: true,
      stdio: ['ignore', log, log],
      env: { PATH: SYSTEM_PATH, LANG: 'C.UTF-8', KIT_RIG_CGROUP_PROCS: procsFiles(host.cgroupDirs).join(' ') },
    });
    const pid = child.pid;
    child.unref();
    if (pid === undefined) throw new RigError(`${host.name}: cannot start systemd-nspawn`, { hint: 'Install systemd-container.' });
    const ref = await processRef(pid);
    if (ref === undefined) throw new RigError(`${host.name}: systemd-nspawn exited at once; console: ${hostDirs(host).consoleLog}`);
    return ref;
  } finally {
    closeSync(log);
  }
}

/** The host's PID 1 as seen from the machine: the process in its cgroups whose innermost PID is 1. */
export async function findInit(host: HostState): Promise<number | undefined> {
  for (const pid of await cgroupPids(host.cgroupDirs)) {
    const chain = await namespacePids(pid);
    if (chain.length > 1 && chain.at(-1) === 1) return pid;
  }
  return undefined;
}

export async function waitForInit(host: HostState, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = await findInit(host);
    if (pid !== undefined) return pid;
    if (Date.now() >= deadline) throw await bootError(host, `its init did not start within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** systemd's status lines on the console carry colour codes. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'gu');

/** An error naming the host, with the tail of its console so the cause is visible at once. */
export async function bootError(host: HostState, what: string, cause?: unknown): Promise<RigError> {
  const consoleLog = hostDirs(host).consoleLog;
  const text = await readFile(consoleLog, 'utf8').catch(() => '');
  const plain = text.replace(ANSI_COLOUR, '');
  return new RigError(`rig host ${host.name} (${host.address}): ${what}; last console lines (${consoleLog}):\n${tailLines(plain, 25)}`, {
    hint: `Look at the whole console log, or boot it by hand: ${nspawnArgv(host, '<bridge>').join(' ')}`,
    ...(cause === undefined ? {} : { cause }),
  });
}
