import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { CancelledError } from '../../errors/cancelled-error.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { RESET_FLOW } from '../../flows/reset-flow.ts';
import type { ResetComputed } from '../../flows/reset/reset-state.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import { CLUSTER_MARKER_PATH } from '../../flows/model/cluster-marker.ts';
import { kitFootprint } from '../../reset/footprint.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import { runFlow } from '../../workflow/run-flow.ts';
import type { CliContext } from '../cli-context.ts';
import { eventView } from '../cli-context.ts';
import { withHostPool } from '../with-host-pool.ts';

interface ResetFlags {
  readonly file: string;
  readonly host?: string;
  readonly all: boolean;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly force: boolean;
}

/** `kit reset`: one node leaves the cluster, or the whole cluster goes; each host ends as it was before kit. */
export function registerResetCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('reset')
    .description('take one node (--host) or the whole cluster (--all) down and leave each host as it was before kit')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--host <name>', 'reset this node: drain it, delete its Node, remove its etcd member, clean it; the others forget it')
    .option('--all', 'reset every host in the inventory', false)
    .option('-y, --yes', 'do not ask for confirmation (required when standard input is not a terminal)', false)
    .option('--dry-run', 'list what would be removed and restored on each host, change nothing', false)
    .option('--force', 'reset a control plane even when etcd would lose its quorum', false)
    .action(async (flags: ResetFlags) => {
      const context = contextOf();
      if ((flags.host === undefined) === !flags.all) throw new UsageError('kit reset needs exactly one of --host NAME and --all', 'Reset one node with --host NAME, or the whole cluster with --all.');
      const inventory = await loadInventory(flags.file);
      const targets = flags.all ? inventory.hosts.map((host) => host.name) : [checkedHost(inventory, flags.host ?? '')];
      if (!flags.dryRun && !flags.yes) await confirm(context, targets, flags.all);
      const view = eventView(context);
      const computed: ResetComputed = { unreadable: [] };
      const result = await withHostPool(context, (pool) =>
        runFlow(RESET_FLOW, { inventory, pool, targets, scope: flags.all ? 'all' : 'node', force: flags.force, footprint: kitFootprint({ clusterMarker: CLUSTER_MARKER_PATH }), computed }, {
          dryRun: flags.dryRun, concurrency: context.flags.concurrency, signal: context.signal, emit: view.sink,
          // The whole cluster goes: nothing stays to drain through, keep a quorum in, or tell about a leaving node.
          skipPhases: flags.all ? ['check', 'drain', 'etcd', 'overlay'] : [],
        }),
      ).finally(() => view.done);
      const failures = [
        ...computed.unreadable.map((failure) => ({ host: `${failure.host} (phase clean)`, error: failure.error })),
        ...result.failures.map((failure) => ({ host: `${failure.host} (phase ${failure.phase})`, error: failure.error })),
      ];
      if (failures.length > 0) throw new HostsFailedError('reset', failures, 'Each host\'s error is listed above; the other hosts were reset. Fix those hosts (or bring them back) and run kit reset again: hosts already reset have nothing left to remove.');
      const summary = flags.dryRun ? 'dry run: nothing was changed' : result.unchangedPhases.includes('clean') ? 'nothing to remove: kit left nothing on these hosts' : `reset: ${targets.join(', ')}`;
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ok: true, summary, hosts: targets })}\n`);
      else context.stdout(`${summary}\n`);
    });
}

function checkedHost(inventory: Inventory, name: string): string {
  if (!inventory.hosts.some((host) => host.name === name)) {
    throw new UsageError(`--host ${name} is not in the inventory`, `Hosts in the inventory: ${inventory.hosts.map((host) => host.name).join(', ')}`);
  }
  return name;
}

/** Asks on a terminal; without one, only --yes may go ahead. */
async function confirm(context: CliContext, targets: readonly string[], all: boolean): Promise<void> {
  const what = all ? `the whole cluster (${targets.join(', ')})` : `node ${targets.join(', ')}`;
  if (process.stdin.isTTY !== true) {
    throw new UsageError(`kit reset would remove everything kit installed on ${what}, and standard input is not a terminal to confirm it`, 'Pass --yes to confirm non-interactively, or --dry-run to see what would be removed.');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Reset ${what}? Everything kit installed there is removed. Type "yes" to go on: `, { signal: context.signal });
    if (answer.trim() !== 'yes') throw new CancelledError('reset not confirmed: nothing was changed');
  } finally {
    prompt.close();
  }
}
