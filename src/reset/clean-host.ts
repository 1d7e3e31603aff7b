import type { ExecOptions, ExecResult, Host } from '../host/host.ts';
import { removeChainsCommands } from './firewall-commands.ts';
import type { Footprint } from './footprint.ts';
import { guardRemovals } from './guard-removals.ts';
import { killLeftoversCommand } from './kill-leftovers.ts';
import { KIT_STATE_DIR, PARTIAL_RECORD_DIR, PRE_KIT_RECORD_DIR } from './record-paths.ts';
import { planHostReset, type HostResetPlan } from './reset-plan.ts';
import { surveyHost } from './survey-host.ts';

export interface CleanHostOptions {
  readonly footprint: Footprint;
  /** Pod and service subnets: their conntrack entries go. */
  readonly subnets: readonly string[];
  readonly signal?: AbortSignal;
  /** Something could not be undone and was left (a module in use): said, not fatal. */
  readonly warn?: (message: string) => void;
}

/**
 * Takes kit off one host: stops what runs (daemons, then whatever they left in their cgroups),
 * then looks again — mounts, links and rules a killed pod leaves only show once it is gone —
 * and removes the rest, restores what predates kit, and drops the record last.
 */
export async function cleanHost(host: Host, options: CleanHostOptions): Promise<HostResetPlan> {
  const exec = (argv: readonly string[], extra: ExecOptions = {}): Promise<ExecResult> => host.exec(argv, { ...extra, ...(options.signal === undefined ? {} : { signal: options.signal }) });
  const first = planHostReset({ footprint: options.footprint, subnets: options.subnets, survey: await surveyHost(host, options.footprint, options.signal) });
  if (first.stopUnits.length > 0) await exec(['systemctl', 'stop', ...first.stopUnits], { timeoutMs: 300_000 });
  if (first.disableUnits.length > 0) await exec(['systemctl', 'disable', ...first.disableUnits]);
  await exec(killLeftoversCommand(options.footprint));
  const plan = planHostReset({ footprint: options.footprint, subnets: options.subnets, survey: await surveyHost(host, options.footprint, options.signal) });
  for (const point of plan.unmounts) await exec(['sh', '-c', 'umount "$1" 2>/dev/null || umount -l "$1"', 'kit-umount', point]);
  for (const link of plan.deleteLinks) await exec(['ip', 'link', 'delete', link], { allowedExitCodes: [0, 1] });
  for (const argv of removeChainsCommands(plan.chains)) await exec(argv);
  for (const table of plan.nftTables) await exec(['nft', 'delete', 'table', ...table.split(' ')]);
  for (const subnet of plan.conntrackSubnets) {
    for (const direction of ['-s', '-d']) await exec(['conntrack', '-D', direction, subnet], { allowedExitCodes: [0, 1] });
  }
  if (plan.removePaths.length > 0) await exec(['rm', '-rf', '--one-file-system', '--', ...guardRemovals(plan.removePaths, options.footprint)]);
  await restore(host, plan, { exec, warn: options.warn ?? (() => undefined) });
  for (const dir of plan.retouchDirs) {
    await exec(['chown', '--', dir.owner, dir.path]);
    await exec(['chmod', '--', dir.mode, dir.path]);
  }
  if (plan.emptyDirs.length > 0) await exec(['rmdir', '--ignore-fail-on-non-empty', '--', ...plan.emptyDirs]);
  if (plan.removeRecord) await exec(['rm', '-rf', '--one-file-system', '--', PRE_KIT_RECORD_DIR, PARTIAL_RECORD_DIR]);
  if (plan.removeStateDir) await exec(['rmdir', '--ignore-fail-on-non-empty', '--', KIT_STATE_DIR]);
  return first;
}

interface RestoreIo {
  readonly exec: (argv: readonly string[], extra?: ExecOptions) => Promise<ExecResult>;
  readonly warn: (message: string) => void;
}

/** Puts back what predates kit: files, units' enabled and running states, sysctls, modules. */
async function restore(host: Host, plan: HostResetPlan, io: RestoreIo): Promise<void> {
  if (plan.restorePaths.length > 0) await io.exec(['tar', '-xpPf', `${PRE_KIT_RECORD_DIR}/files.tar`]);
  if (plan.units.length > 0) {
    await io.exec(['systemctl', 'daemon-reload']);
    await io.exec(['systemctl', 'reset-failed', ...plan.units], { allowedExitCodes: [0, 1, 5] });
  }
  if (plan.enableUnits.length > 0) await io.exec(['systemctl', 'enable', ...plan.enableUnits]);
  if (plan.startUnits.length > 0) await io.exec(['systemctl', 'start', ...plan.startUnits], { timeoutMs: 300_000 });
  for (const { key, value } of plan.sysctls) {
    const path = `/proc/sys/${key.replaceAll('.', '/')}`;
    const result = await io.exec(['sh', '-c', 'printf "%s\\n" "$2" > "$1"', 'kit-sysctl', path, value], { allowedExitCodes: [0, 1, 2] });
    if (result.exitCode !== 0) io.warn(`${host.name}: could not set ${key} back to ${value}`);
  }
  for (const name of plan.unloadModules) {
    const result = await io.exec(['modprobe', '-r', name], { allowedExitCodes: [0, 1] });
    if (result.exitCode !== 0) io.warn(`${host.name}: kernel module ${name} is in use and stays loaded`);
  }
}
