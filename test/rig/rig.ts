import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError } from '../../src/errors/cancelled-error.ts';
import { addForwardRules, createBridge } from './bridge.ts';
import { execLocal } from './exec-local.ts';
import { defaultSpecs, type RigHostSpec } from './host-plan.ts';
import { ensureImage } from './image.ts';
import { ensureMachineLimits } from './machine-limits.ts';
import { mountsUnder } from './mounts.ts';
import { processRef } from './process-info.ts';
import { cleanupStaleRigs } from './rig-admin.ts';
import { RigError } from './rig-error.ts';
import { DEFAULT_STATE_ROOT } from './rig-paths.ts';
import { RUN_ROOT, registerRig } from './rig-registry.ts';
import { loadState, saveState, type RigState } from './rig-state.ts';
import { RunningRig, type RigHost } from './running-rig.ts';
import { teardownRig } from './teardown.ts';

export type { RigHostSpec } from './host-plan.ts';
export type { RigHost } from './running-rig.ts';
export type { RigRole } from './rig-state.ts';
export { cleanupStaleRigs } from './rig-admin.ts';

/** A set of booted test hosts (systemd + sshd each) on one bridge in 198.18.0.0/16. */
export interface Rig {
  readonly name: string;
  readonly dir: string;
  readonly hosts: RigHost[];
  readonly inventoryPath: string;
  readonly knownHostsPath: string;
  readonly keyPath: string;
  /** Runs argv inside a host without SSH (nsenter into its PID 1's namespaces), for test setup and fault injection. */
  run(host: string, argv: string[], options?: { stdin?: string; allowFail?: boolean }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Powers a host off and boots it again; resolves once its sshd answers. */
  restart(host: string): Promise<void>;
  /** Adds hosts to a running rig (join tests). */
  addHosts(specs: RigHostSpec[]): Promise<RigHost[]>;
  removeHost(name: string): Promise<void>;
  /** Tears everything down; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRigOptions {
  readonly hosts: number | RigHostSpec[];
  /** Also the cluster name in the inventory. Default: `rig-<random>`. */
  readonly name?: string;
  /** Root of the rigs' state directories; the rig lives in `<stateDir>/<name>`. Default `<repo>/.rig`. */
  readonly stateDir?: string;
  readonly signal?: AbortSignal;
  /** Written as `artifacts.path` in the inventory. */
  readonly bundlePath?: string;
  /** Keep the rig after this process exits (the CLI's `up`); it is then removed only by `down`. */
  readonly detached?: boolean;
  /** Per host, from nspawn start to sshd accepting the rig key. Default 180 s. */
  readonly bootTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

const RIG_NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/u;

/** Boots a rig: cleans stale rigs, builds the image if needed, creates the network, boots the hosts in parallel. */
export async function startRig(options: StartRigOptions): Promise<Rig> {
  const stateRoot = path.resolve(options.stateDir ?? DEFAULT_STATE_ROOT);
  const specs = typeof options.hosts === 'number' ? defaultSpecs(options.hosts) : options.hosts;
  const name = options.name ?? `rig-${randomBytes(3).toString('hex')}`;
  if (!RIG_NAME.test(name)) throw new RigError(`rig name "${name}" must be a lowercase DNS label of at most 40 characters`);
  const removed = await cleanupStaleRigs(stateRoot);
  if (removed.length > 0) options.log?.(`removed stale rigs: ${removed.join(', ')}`);
  const dir = path.join(stateRoot, name);
  if ((await loadState(dir)) !== undefined) {
    throw new RigError(`rig ${name} is already running (${dir})`, { hint: `Stop it first: npm run rig -- down --name ${name}` });
  }
  const raised = await ensureMachineLimits();
  if (raised.length > 0) options.log?.(`raised machine limits for the rig: ${raised.join(', ')}`);
  const image = await ensureImage({ ...signalOption(options.signal), ...(options.log === undefined ? {} : { log: options.log }) });
  const state = await createState({ dir, name, imageRootfs: image.rootfs });
  const rig = new RunningRig(state, { bootTimeoutMs: options.bootTimeoutMs ?? 180_000, ...(options.bundlePath === undefined ? {} : { bundlePath: options.bundlePath }) });
  try {
    await execLocal(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `kit-rig-${name}`, '-f', rig.keyPath]);
    await addForwardRules(state.bridge);
    state.slot = await createBridge({ bridge: state.bridge, lockRoot: RUN_ROOT });
    await saveState(state);
    await rig.addHosts(specs, options.signal);
    if (options.detached === true) {
      state.owner = null;
      await saveState(state);
    }
    return rig;
  } catch (error) {
    await teardownRig(state, { graceMs: 5_000 }).catch((cleanupError: unknown) => options.log?.(`tear-down after a failed start failed too: ${String(cleanupError)}`));
    if (options.signal?.aborted === true) throw new CancelledError(`starting rig ${name} was cancelled; everything it had started is torn down`);
    throw error;
  }
}

/** Records the rig (owned by this process) before any of its resources exist. */
async function createState(options: { dir: string; name: string; imageRootfs: string }): Promise<RigState> {
  if ((await mountsUnder(options.dir)).length > 0) throw new RigError(`${options.dir} still has mounts from an earlier rig`, { hint: 'Run: npm run rig -- down --all' });
  await rm(options.dir, { recursive: true, force: true });
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const owner = await processRef(process.pid);
  if (owner === undefined) throw new RigError('cannot read this process from /proc');
  const id = createHash('sha256').update(options.dir).digest('hex').slice(0, 6);
  const state: RigState = { version: 1, name: options.name, id, dir: options.dir, owner, bridge: `kitbr-${id}`, slot: null, imageRootfs: options.imageRootfs, hosts: [] };
  await saveState(state);
  await registerRig(id, options.dir);
  return state;
}

function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
