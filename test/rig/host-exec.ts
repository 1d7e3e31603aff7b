import { access } from 'node:fs/promises';
import path from 'node:path';
import { RemoteCommandError } from '../../src/errors/remote-command-error.ts';
import { execLocal, SYSTEM_PATH, type LocalResult } from './exec-local.ts';
import { findInit } from './host-machine.ts';
import { RigError } from './rig-error.ts';
import type { HostState } from './rig-state.ts';

export interface HostExecOptions {
  readonly stdin?: string;
  readonly allowFail?: boolean;
  readonly timeoutMs?: number;
}

/**
 * Runs argv inside a running host without SSH: nsenter into all namespaces of the host's
 * PID 1, after joining the host's root cgroups so the process is the host's (and dies with it).
 */
export async function runInHost(host: HostState, argv: readonly string[], options: HostExecOptions = {}): Promise<LocalResult> {
  const init = await findInit(host);
  if (init === undefined) throw new RigError(`rig host ${host.name} is not running`, { hint: 'Start it again with rig.restart(name).' });
  const procs = await Promise.all(host.cgroupDirs.map(async (dir) => path.join((await exists(path.join(dir, 'payload'))) ? path.join(dir, 'payload') : dir, 'cgroup.procs')));
  const command = [
    '/bin/sh', '-c', 'for f in $KIT_RIG_CGROUP_PROCS; do echo $$ > "$f"; done; exec "$@"', 'kit-rig',
    'nsenter', `--target=${init}`, '--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--root', '--wd',
    '--', '/usr/bin/env', '-i', `PATH=${SYSTEM_PATH}`, 'HOME=/root', 'LANG=C.UTF-8', 'USER=root', ...argv,
  ];
  const result = await execLocal(command, {
    allowFail: true,
    timeoutMs: options.timeoutMs ?? 120_000,
    env: { PATH: SYSTEM_PATH, KIT_RIG_CGROUP_PROCS: procs.join(' ') },
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  if (result.exitCode !== 0 && options.allowFail !== true) {
    throw new RemoteCommandError({ host: host.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr.split('\n').slice(-15).join('\n') });
  }
  return result;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}
