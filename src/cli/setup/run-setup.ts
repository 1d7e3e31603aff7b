import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isKitError } from '../../errors/kit-error.ts';
import { contractPath } from '../../inventory/expand-path.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { parseInventory } from '../../inventory/parse-inventory.ts';
import { renderInventory } from '../../inventory/render-inventory.ts';
import { answersFromInventory } from './answers-from-inventory.ts';
import { inventoryFromAnswers } from './answers-to-inventory.ts';
import { askArtifacts } from './ask-artifacts.ts';
import { askClusterBasics, askControlPlaneEndpoint } from './ask-cluster.ts';
import type { HostDefaults } from './ask-host.ts';
import { askHosts } from './ask-hosts.ts';
import { askOverlay, askSubnets } from './ask-network.ts';
import { isPromptExit } from './prompter.ts';
import { SetupCancelledError } from './setup-errors.ts';
import type { SetupIo } from './setup-io.ts';
import type { SetupAnswers } from './setup-answers.ts';
import { chooseOutput, writeInventoryFile } from './setup-output.ts';
import { showSetupPreflight } from './setup-preflight.ts';
import { loadLocalSshDefaults } from './ssh-defaults.ts';
import type { LocalSshDefaults } from './ssh-defaults.ts';

export interface SetupOptions {
  readonly io: SetupIo;
  /** Where to write, relative to the current folder. */
  readonly out: string;
  /** An inventory whose values pre-fill every answer. */
  readonly from?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly localUser: string;
  readonly concurrency: number;
  readonly color: boolean;
}

export interface SetupResult {
  readonly file: string;
  readonly inventory: Inventory;
}

/**
 * The wizard: asks, checks each host as it is entered, shows a preflight summary, and writes
 * the inventory only at the very end (temp file + rename). Ctrl-C anywhere writes nothing.
 */
export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  try {
    return await setup(options);
  } catch (error) {
    if (isPromptExit(error)) throw new SetupCancelledError('kit setup was cancelled (Ctrl-C)', error);
    if (isKitError(error) && error.code === 'CANCELLED' && !(error instanceof SetupCancelledError)) throw new SetupCancelledError(undefined, error);
    throw error;
  }
}

async function setup(options: SetupOptions): Promise<SetupResult> {
  const { io } = options;
  const { homeDir } = io.paths;
  const base = options.from === undefined ? undefined : await loadInventory(resolve(io.paths.baseDir, options.from));
  const out = resolve(io.paths.baseDir, options.out);
  introduce(io, out, options.from);
  if (await access(out).then(() => true, () => false)) io.print(`note: ${contractPath(out, homeDir)} exists; you will be asked before it is replaced.`);
  const local = await loadLocalSshDefaults({ homeDir, localUser: options.localUser, env: options.env });
  if (local.agentNote !== undefined) io.print(`note: ${local.agentNote}`);
  const answers = await askEverything(io, { local, ...(base === undefined ? {} : { base }) });
  const inventory = inventoryFromAnswers(answers, { paths: { homeDir, baseDir: dirname(out) }, ...(base === undefined ? {} : { base }) });
  const text = renderInventory(inventory, { homeDir });
  // The wizard's own output goes through the same validation as a hand-written file.
  parseInventory(text, out, { homeDir });
  const report = await showSetupPreflight(io, inventory, { concurrency: options.concurrency, color: options.color });
  const target = await chooseOutput(io, out, report.counts.error);
  if (target === undefined) throw new SetupCancelledError('you chose not to write the inventory');
  await writeInventoryFile(target, text);
  const shown = contractPath(target, homeDir);
  io.print(`\nWrote ${shown}: ${inventory.hosts.length} host(s), host keys pinned. Next: kit preflight -f ${shown}, then kit apply -f ${shown}`);
  return { file: target, inventory };
}

function introduce(io: SetupIo, out: string, from: string | undefined): void {
  const lines = [`kit setup writes the inventory ${contractPath(out, io.paths.homeDir)} (fields: docs/inventory.md).`];
  if (from !== undefined) lines.push(`Every answer starts from ${from}.`);
  lines.push('Each host is checked over SSH as you enter it. Ctrl-C stops at any point without writing anything.', '');
  io.print(lines.join('\n'));
}

async function askEverything(io: SetupIo, input: { local: LocalSshDefaults; base?: Inventory }): Promise<SetupAnswers> {
  const { base } = input;
  const previous = base === undefined ? undefined : answersFromInventory(base, io.paths.homeDir);
  const basics = await askClusterBasics(io, previous ?? {});
  io.print('\nHosts');
  const hostDefaults: HostDefaults[] = (previous?.hosts ?? []).map((host) => {
    const bastion = base?.hosts.find((known) => known.name === host.name)?.ssh.bastion;
    return bastion === undefined ? host : { ...host, bastion };
  });
  const knownHostsFile = base?.ssh.knownHostsFile ?? join(io.paths.homeDir, '.ssh', 'known_hosts');
  const { hosts, networks } = await askHosts(io, { previous: hostDefaults, local: input.local, knownHostsFile });
  io.print('\nCluster');
  const controlPlanes = hosts.filter((host) => host.roles.includes('control-plane')).length;
  const controlPlaneEndpoint = await askControlPlaneEndpoint(io, previous?.controlPlaneEndpoint, controlPlanes);
  const subnets = await askSubnets(io, {
    previous: previous ?? {},
    taken: networks,
    hostCount: hosts.length,
    ...(controlPlaneEndpoint === undefined ? {} : { controlPlaneEndpoint }),
  });
  const overlay = await askOverlay(io, previous?.overlay);
  const artifacts = await askArtifacts(io, previous?.artifacts);
  return { ...basics, hosts, ...(controlPlaneEndpoint === undefined ? {} : { controlPlaneEndpoint }), ...subnets, overlay, artifacts };
}
