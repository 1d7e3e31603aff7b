import type { Command } from 'commander';
import { PreflightFailedError } from '../../errors/preflight-failed-error.ts';
import { preflightInputs, preflightSettingsFor } from '../../flows/model/preflight-model.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { IgnoreList } from '../../preflight/ignore-errors.ts';
import { allChecks } from '../../preflight/preflight-report.ts';
import { renderPreflightReport } from '../../preflight/render-preflight-report.ts';
import { runPreflight } from '../../preflight/run-preflight.ts';
import type { CliContext } from '../cli-context.ts';
import { withHostPool } from '../with-host-pool.ts';

interface PreflightFlags {
  readonly file: string;
  readonly ignorePreflightErrors?: string;
}

/** `kit preflight`: checks every host and every pair of hosts; changes nothing. */
export function registerPreflightCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('preflight')
    .description('check every host and every pair of hosts before installing (changes nothing)')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--ignore-preflight-errors <names>', 'comma-separated check names to lower to warnings, or "all"')
    .action(async (flags: PreflightFlags) => {
      const context = contextOf();
      const inventory = await loadInventory(flags.file);
      const report = await withHostPool(context, (pool) =>
        runPreflight({
          hosts: preflightInputs(inventory, pool),
          settings: preflightSettingsFor(inventory),
          signal: context.signal,
          concurrency: context.flags.concurrency,
          ignore: parseIgnoreList(flags.ignorePreflightErrors),
        }),
      );
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', report })}\n`);
      else context.stdout(renderPreflightReport(report, { width: process.stdout.columns ?? 100, color: process.stdout.isTTY }));
      if (report.hasErrors) {
        const errors = allChecks(report).filter((check) => check.status === 'error');
        throw new PreflightFailedError(errors.length, [...new Set(errors.map((check) => check.name))]);
      }
    });
}

export function parseIgnoreList(value: string | undefined): IgnoreList {
  const names = (value ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.some((name) => name.toLowerCase() === 'all') ? 'all' : names;
}
