import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { isKitError } from '../../src/errors/kit-error.ts';
import { defaultSpecs, type RigHostSpec } from './host-plan.ts';
import { ensureImage, IMAGE_PACKAGES, pruneImages } from './image.ts';
import { isStale, listRigs } from './rig-admin.ts';
import { DEFAULT_STATE_ROOT } from './rig-paths.ts';
import { startRig } from './rig.ts';
import { RigError } from './rig-error.ts';
import type { RigRole } from './rig-state.ts';
import { teardownRig } from './teardown.ts';

/** `npm run rig -- <command>`: the rig as kit's local sandbox. */
function buildProgram(): Command {
  const program = new Command('rig').description('Boot and remove local test hosts (systemd-nspawn) for kit').showHelpAfterError();
  program
    .command('up')
    .description('boot a rig that stays up after this command; prints its inventory path')
    .option('--hosts <count>', 'number of hosts (node1 is a control plane, the rest workers)', positiveInt, 3)
    .option('--host <name[:role+role]>', 'a host by name (repeat); overrides --hosts', collectHost, [] as RigHostSpec[])
    .option('--name <name>', 'rig name (also the cluster name)', 'sandbox')
    .option('--state-dir <dir>', 'root of the rigs\' state directories', DEFAULT_STATE_ROOT)
    .option('--bundle <path>', 'artifacts.path written into the inventory')
    .action(async (options: { hosts: number; host: RigHostSpec[]; name: string; stateDir: string; bundle?: string }) => {
      const started = Date.now();
      const rig = await startRig({
        hosts: options.host.length > 0 ? options.host : defaultSpecs(options.hosts),
        name: options.name,
        stateDir: options.stateDir,
        detached: true,
        log: (line) => console.error(line),
        ...(options.bundle === undefined ? {} : { bundlePath: path.resolve(options.bundle) }),
      });
      console.error(`rig ${rig.name}: ${rig.hosts.length} hosts up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const host of rig.hosts) console.error(`  ${host.name.padEnd(12)} ${host.address.padEnd(14)} ${host.roles.join(',')}`);
      console.error(`ssh: ssh -i ${rig.keyPath} -o UserKnownHostsFile=${rig.knownHostsPath} root@${rig.hosts[0]?.address ?? ''}`);
      console.log(rig.inventoryPath);
    });
  program
    .command('down')
    .description('tear a rig down completely (machines, veths, bridge, firewall rules, mounts, cgroups, state)')
    .option('--name <name>', 'the rig to remove', 'sandbox')
    .option('--all', 'remove every rig (this state root and all registered on this machine)')
    .option('--state-dir <dir>', 'root of the rigs\' state directories', DEFAULT_STATE_ROOT)
    .action(async (options: { name: string; all?: boolean; stateDir: string }) => {
      const rigs = (await listRigs(options.stateDir)).filter((state) => options.all === true || state.dir === path.resolve(options.stateDir, options.name));
      if (rigs.length === 0) console.error(options.all === true ? 'no rigs' : `no rig named ${options.name} in ${options.stateDir}`);
      for (const state of rigs) {
        const started = Date.now();
        await teardownRig(state);
        console.error(`rig ${state.name}: down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    });
  program
    .command('status')
    .description('list rigs and their hosts')
    .option('--state-dir <dir>', 'root of the rigs\' state directories', DEFAULT_STATE_ROOT)
    .action(async (options: { stateDir: string }) => {
      const rigs = await listRigs(options.stateDir);
      if (rigs.length === 0) console.log('no rigs');
      for (const state of rigs) {
        const owner = state.owner === null ? 'detached' : `owned by PID ${state.owner.pid}`;
        console.log(`${state.name} (${owner}${(await isStale(state)) ? ', STALE' : ''}) ${state.dir}`);
        for (const host of state.hosts) console.log(`  ${host.name.padEnd(12)} ${host.address.padEnd(14)} ${host.roles.join(',').padEnd(14)} nspawn ${host.nspawn?.pid ?? '-'}`);
      }
    });
  program
    .command('image')
    .description('build the cached host image if needed and print its root directory')
    .option('--prune', 'also delete cached images that are not current and not in use')
    .action(async (options: { prune?: boolean }) => {
      const image = await ensureImage({ log: (line) => console.error(line) });
      if (options.prune === true) for (const dir of await pruneImages()) console.error(`removed ${dir}`);
      console.error(image.built ? `built in ${(image.buildMs / 1000).toFixed(1)} s` : 'cached');
      console.error(`packages: ${IMAGE_PACKAGES.join(' ')}`);
      console.log(image.rootfs);
    });
  return program;
}

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

function collectHost(value: string, previous: RigHostSpec[]): RigHostSpec[] {
  const [name = '', roles] = value.split(':');
  const parsed = roles === undefined ? undefined : roles.split('+');
  if (parsed?.some((role) => role !== 'control-plane' && role !== 'worker') === true) {
    throw new InvalidArgumentError(`roles must be control-plane and/or worker, got "${roles ?? ''}"`);
  }
  return [...previous, parsed === undefined ? { name } : { name, roles: parsed as RigRole[] }];
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new RigError('the rig needs root (network links, mounts, cgroups, systemd-nspawn)', { hint: 'Run it as root.' });
  await buildProgram().parseAsync(process.argv);
}

try {
  await main();
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (isKitError(error) && error.hint !== undefined) console.error(`hint: ${error.hint}`);
  process.exitCode = 1;
}
