import type { Command } from 'commander';
import { UsageError } from '../../errors/usage-error.ts';
import { APPLY_FLOW } from '../../flows/apply-flow.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import { runFlow } from '../../workflow/run-flow.ts';
import type { CliContext } from '../cli-context.ts';
import { eventView } from '../cli-context.ts';
import { parseHostList } from '../select-hosts.ts';
import { withTransportStats } from '../transport-stats-sink.ts';
import { withHostPool } from '../with-host-pool.ts';
import { parseIgnoreList } from './preflight-command.ts';

interface ApplyFlags {
  readonly file: string;
  readonly dryRun: boolean;
  readonly skipPhases?: string;
  readonly ignorePreflightErrors?: string;
  readonly pkiDir?: string;
}

/** `kit apply`: converges every host toward the inventory, phase by phase; safe to re-run. */
export function registerApplyCommand(program: Command, contextOf: () => CliContext): void {
  const phaseNames = APPLY_FLOW.phases.map((phase) => phase.name);
  program
    .command('apply')
    .description(`converge the cluster to the inventory (phases: ${phaseNames.join(', ')}); re-running changes only what differs`)
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--dry-run', 'print what each phase would change on each host, change nothing', false)
    .option('--skip-phases <names>', `comma-separated phases to leave out (${phaseNames.join(', ')})`)
    .option('--ignore-preflight-errors <names>', 'comma-separated preflight checks to lower to warnings, or "all"')
    .option('--pki-dir <dir>', 'use the CA (or whole PKI) found there, and write the resulting PKI back (keys 0600); by default no key is written to this machine')
    .action(async (flags: ApplyFlags) => {
      const context = contextOf();
      const skipPhases = parseHostList(flags.skipPhases ?? '');
      const unknown = skipPhases.filter((name) => !phaseNames.includes(name));
      if (unknown.length > 0) throw new UsageError(`--skip-phases names unknown phase(s) ${unknown.join(', ')}`, `Phases: ${phaseNames.join(', ')}`);
      const inventory = await loadInventory(flags.file);
      const view = eventView(context);
      const result = await withHostPool(context, (pool) =>
        runFlow(APPLY_FLOW, { inventory, pool, ignorePreflightErrors: parseIgnoreList(flags.ignorePreflightErrors), ...(flags.pkiDir === undefined ? {} : { pkiDir: flags.pkiDir }), computed: { changedPaths: new Map(), freshDaemons: new Map() } }, {
          dryRun: flags.dryRun,
          concurrency: context.flags.concurrency,
          signal: context.signal,
          emit: context.flags.debug ? withTransportStats(view.sink, pool) : view.sink,
          skipPhases,
        }),
      ).finally(() => view.done);
      if (!result.ok) {
        throw new HostsFailedError('apply', result.failures.map((failure) => ({ host: `${failure.host} (phase ${failure.phase})`, error: failure.error })));
      }
      const unchanged = result.unchangedPhases.filter((name) => name !== 'preflight');
      const changing = phaseNames.filter((name) => name !== 'preflight' && !skipPhases.includes(name));
      const summary = flags.dryRun ? 'dry run: nothing was changed' : unchanged.length === changing.length ? 'no changes: every host already matches the inventory' : 'applied';
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ok: true, summary, unchangedPhases: result.unchangedPhases })}\n`);
      else context.stdout(`${summary}\n`);
    });
}
