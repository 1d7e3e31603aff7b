import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessRef } from './process-info.ts';

export type RigRole = 'control-plane' | 'worker';

/** Everything tear-down needs about one host, recorded before any of it is created. */
export interface HostState {
  readonly name: string;
  /** Last octet of the host's address. */
  readonly index: number;
  /** `198.18.S.N` (no prefix length). */
  readonly address: string;
  readonly roles: readonly RigRole[];
  /** nspawn machine name: unique on the machine, short enough for the `vb-` veth name. */
  readonly machine: string;
  readonly veth: string;
  /** `<rig dir>/hosts/<name>`: upper, work, root (the overlay mount), containerd, console.log. */
  readonly dir: string;
  /** Absolute cgroup directories, one per hierarchy. */
  cgroupDirs: string[];
  /** The running nspawn, when one was started. */
  nspawn: ProcessRef | null;
}

export interface RigState {
  readonly version: 1;
  readonly name: string;
  /** Short hex id that names the bridge, veths and cgroups. */
  readonly id: string;
  readonly dir: string;
  /** The process the rig dies with; null for a rig started to outlive its process (`rig up`). */
  owner: ProcessRef | null;
  readonly bridge: string;
  /** Third octet of the rig's /24 inside 198.18.0.0/16; null until allocated. */
  slot: number | null;
  readonly imageRootfs: string;
  hosts: HostState[];
}

export const STATE_FILE = 'rig.json';

export function hostDirs(host: HostState): { upper: string; work: string; root: string; containerd: string; consoleLog: string } {
  return {
    upper: path.join(host.dir, 'upper'),
    work: path.join(host.dir, 'work'),
    root: path.join(host.dir, 'root'),
    containerd: path.join(host.dir, 'containerd'),
    consoleLog: path.join(host.dir, 'console.log'),
  };
}

/** Writes rig.json atomically, so a crash never leaves a half-written record. */
export async function saveState(state: RigState): Promise<void> {
  await mkdir(state.dir, { recursive: true });
  const file = path.join(state.dir, STATE_FILE);
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

export async function loadState(dir: string): Promise<RigState | undefined> {
  const text = await readFile(path.join(dir, STATE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as RigState;
  return parsed.version === 1 ? parsed : undefined;
}
