import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bootHost, prepareHost, type BootContext } from './host-lifecycle.ts';
import { runInHost } from './host-exec.ts';
import { readHostKey } from './host-files.ts';
import { planHosts, type RigHostSpec } from './host-plan.ts';
import { renderInventory, renderKnownHosts, writeFileAtomic } from './inventory-writer.ts';
import type { LocalResult } from './exec-local.ts';
import { RigError } from './rig-error.ts';
import { saveState, type HostState, type RigRole, type RigState } from './rig-state.ts';
import { stopMachine, teardownHost, teardownRig } from './teardown.ts';

export interface RigHost {
  readonly name: string;
  readonly address: string;
  readonly roles: readonly RigRole[];
  /** The host's directory on this machine: `root/` is its filesystem, `console.log` its console. */
  readonly machineDir: string;
}

export interface RigSettings {
  readonly bundlePath?: string;
  readonly bootTimeoutMs: number;
}

/** A rig whose hosts are running: the object `startRig` hands to tests. */
export class RunningRig {
  readonly name: string;
  readonly dir: string;
  readonly inventoryPath: string;
  readonly knownHostsPath: string;
  readonly keyPath: string;
  readonly #state: RigState;
  readonly #settings: RigSettings;
  readonly #hostKeys = new Map<string, string>();
  #stopped = false;
  /** Saves run one after another so an older snapshot never overwrites a newer one. */
  #saving: Promise<void> = Promise.resolve();

  constructor(state: RigState, settings: RigSettings) {
    this.#state = state;
    this.#settings = settings;
    this.name = state.name;
    this.dir = state.dir;
    this.inventoryPath = path.join(state.dir, 'inventory.yaml');
    this.knownHostsPath = path.join(state.dir, 'known_hosts');
    this.keyPath = path.join(state.dir, 'id_ed25519');
  }

  get hosts(): RigHost[] {
    return this.#state.hosts.map((host) => ({ name: host.name, address: host.address, roles: host.roles, machineDir: host.dir }));
  }

  async run(hostName: string, argv: string[], options: { stdin?: string; allowFail?: boolean } = {}): Promise<LocalResult> {
    return runInHost(this.#host(hostName), argv, options);
  }

  async restart(hostName: string): Promise<void> {
    const host = this.#host(hostName);
    await stopMachine(host);
    await this.#save();
    await bootHost(host, await this.#bootContext());
  }

  async addHosts(specs: readonly RigHostSpec[], signal?: AbortSignal): Promise<RigHost[]> {
    const planned = planHosts(this.#state, specs);
    this.#state.hosts.push(...planned);
    await this.#save();
    try {
      const authorizedKey = await readFile(`${this.keyPath}.pub`, 'utf8');
      const keys = await Promise.all(planned.map((host) => prepareHost(host, { imageRootfs: this.#state.imageRootfs, authorizedKey })));
      planned.forEach((host, index) => this.#hostKeys.set(host.name, keys[index] ?? ''));
      await this.#writeOutputs();
      const context = await this.#bootContext(signal);
      await settleAll(planned, (host) => bootHost(host, context));
    } catch (error) {
      await Promise.allSettled(planned.map((host) => teardownHost(host)));
      this.#state.hosts = this.#state.hosts.filter((host) => !planned.includes(host));
      await this.#save();
      await this.#writeOutputs();
      throw error;
    }
    return this.hosts.filter((host) => planned.some((added) => added.name === host.name));
  }

  async removeHost(hostName: string): Promise<void> {
    const host = this.#host(hostName);
    await teardownHost(host);
    this.#state.hosts = this.#state.hosts.filter((entry) => entry !== host);
    this.#hostKeys.delete(hostName);
    await this.#save();
    await this.#writeOutputs();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    await teardownRig(this.#state);
    this.#stopped = true;
  }

  #host(hostName: string): HostState {
    const host = this.#state.hosts.find((entry) => entry.name === hostName);
    if (host === undefined) throw new RigError(`rig ${this.name} has no host named ${hostName} (hosts: ${this.#state.hosts.map((entry) => entry.name).join(', ')})`);
    return host;
  }

  async #bootContext(signal?: AbortSignal): Promise<BootContext> {
    return {
      state: this.#state,
      keyPath: this.keyPath,
      knownHostsPath: this.knownHostsPath,
      bootTimeoutMs: this.#settings.bootTimeoutMs,
      save: () => this.#save(),
      ...(signal === undefined ? {} : { signal }),
    };
  }

  async #save(): Promise<void> {
    const next = this.#saving.then(() => saveState(this.#state));
    this.#saving = next.catch(() => undefined);
    await next;
  }

  /** Rewrites known_hosts and inventory.yaml for the current hosts. */
  async #writeOutputs(): Promise<void> {
    const entries = [];
    for (const host of this.#state.hosts) {
      const hostKey = this.#hostKeys.get(host.name) ?? (await readHostKey(host));
      if (hostKey !== undefined) entries.push({ address: host.address, hostKey });
    }
    await writeFileAtomic(this.knownHostsPath, renderKnownHosts(entries), 0o644);
    const inventory = renderInventory({
      clusterName: this.name,
      hosts: this.#state.hosts,
      keyPath: this.keyPath,
      knownHostsPath: this.knownHostsPath,
      ...(this.#settings.bundlePath === undefined ? {} : { bundlePath: this.#settings.bundlePath }),
    });
    await writeFileAtomic(this.inventoryPath, inventory, 0o644);
  }
}

/** Runs `work` for every host and waits for all; one error names every host that failed. */
async function settleAll(hosts: readonly HostState[], work: (host: HostState) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(hosts.map(work));
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    const messages = errors.map((error) => (error instanceof Error ? error.message : String(error)));
    throw new RigError(`${errors.length} rig hosts failed to boot:\n${messages.join('\n\n')}`, {
      hint: 'Each message names the host and its console.log; look there first.',
      cause: errors[0],
    });
  }
}
