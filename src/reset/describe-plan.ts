import type { HostResetPlan } from './reset-plan.ts';

const list = (values: readonly string[]): string => values.join(', ');

/** One line per change, as --dry-run prints it; empty when kit left nothing on the host. */
export function describeResetPlan(plan: HostResetPlan): string[] {
  const restored = new Set(plan.restorePaths);
  const lines: string[] = [];
  const add = (condition: boolean, line: () => string): void => {
    if (condition) lines.push(line());
  };
  add(plan.stopUnits.length > 0, () => `stop ${list(plan.stopUnits)}`);
  add(plan.disableUnits.length > 0, () => `disable ${list(plan.disableUnits)}`);
  add(plan.killProcesses > 0, () => `kill ${plan.killProcesses} process(es) left in the cgroups of kit's daemons and pods`);
  add(plan.unmounts.length > 0, () => `unmount ${list(plan.unmounts)}`);
  add(plan.deleteLinks.length > 0, () => `delete network device(s) ${list(plan.deleteLinks)}`);
  for (const [where, chains] of groupChains(plan)) lines.push(`remove ${where} chain(s) ${list(chains)} and the rules jumping to them`);
  add(plan.nftTables.length > 0, () => `delete nftables table(s) ${list(plan.nftTables)}`);
  add(plan.conntrackSubnets.length > 0, () => `delete conntrack entries of ${list(plan.conntrackSubnets)}`);
  for (const path of plan.removePaths) if (!restored.has(path)) lines.push(`remove ${path}`);
  for (const path of plan.restorePaths) lines.push(`restore ${path} as it was before kit`);
  add(plan.enableUnits.length > 0, () => `enable ${list(plan.enableUnits)} again (enabled before kit)`);
  add(plan.startUnits.length > 0, () => `start ${list(plan.startUnits)} again (running before kit)`);
  for (const { key, value } of plan.sysctls) lines.push(`set ${key} back to ${value}`);
  add(plan.unloadModules.length > 0, () => `unload kernel module(s) ${list(plan.unloadModules)} (not loaded before kit)`);
  for (const dir of plan.retouchDirs) lines.push(`set ${dir.path} back to mode ${dir.mode}, owner ${dir.owner}`);
  for (const dir of plan.emptyDirs) lines.push(`remove directory ${dir} if empty (made by kit)`);
  add(plan.removeRecord, () => 'remove the pre-kit record');
  return lines;
}

function groupChains(plan: HostResetPlan): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const ref of plan.chains) {
    const where = `${ref.tool} ${ref.table}`;
    groups.set(where, [...(groups.get(where) ?? []), ref.chain]);
  }
  return groups;
}
