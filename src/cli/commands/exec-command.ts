import type { Command } from 'commander';
import { RemoteCommandError } from '../../errors/remote-command-error.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { HostRole } from '../../inventory/inventory.ts';
import { fanOut } from '../../workflow/fan-out.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import type { CliContext } from '../cli-context.ts';
import { parseHostList, selectHosts } from '../select-hosts.ts';
import { withHostPool } from '../with-host-pool.ts';

const ALL_EXIT_CODES = Array.from({ length: 256 }, (_, code) => code);

interface ExecFlags {
  readonly file: string;
  readonly hosts?: string;
  readonly role?: HostRole;
}

/** `kit exec -- CMD…`: one command on many hosts in parallel, output grouped per host. */
export function registerExecCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('exec')
    .description('run one command on every selected host in parallel (argv after --, quoted by kit)')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--hosts <names>', 'comma-separated host names (default: all)')
    .option('--role <role>', 'only hosts with this role (control-plane or worker)')
    .argument('<command...>', 'the command and its arguments')
    .action(async (argv: string[], flags: ExecFlags) => {
      const context = contextOf();
      if (flags.role !== undefined && flags.role !== 'control-plane' && flags.role !== 'worker') {
        throw new UsageError(`--role ${String(flags.role)} is not a role`, 'Use --role control-plane or --role worker.');
      }
      const inventory = await loadInventory(flags.file);
      const hosts = selectHosts(inventory, { names: parseHostList(flags.hosts ?? ''), ...(flags.role === undefined ? {} : { role: flags.role }) });
      await withHostPool(context, async (pool) => {
        const { results, failures } = await fanOut(hosts, (host) => host.name, async (spec) => {
          const host = await pool.connect(spec.ssh);
          const result = await host.exec(argv, { allowedExitCodes: ALL_EXIT_CODES, signal: context.signal }).catch((error: unknown) => {
            if (error instanceof RemoteCommandError && error.failure.exitCode !== null) return { stdout: '', stderr: error.failure.stderrTail, exitCode: error.failure.exitCode };
            throw error;
          });
          return result;
        }, { concurrency: context.flags.concurrency, signal: context.signal });
        for (const spec of hosts) {
          const result = results.get(spec);
          if (result === undefined) continue;
          if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', host: spec.name, ...result })}\n`);
          else context.stdout(`== ${spec.name} (exit ${result.exitCode})\n${result.stdout}${result.stderr === '' ? '' : `stderr:\n${result.stderr}`}`);
        }
        const nonZero = hosts.flatMap((spec) => {
          const result = results.get(spec);
          if (result === undefined || result.exitCode === 0) return [];
          const failure = { host: spec.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr };
          return [{ host: spec.name, error: new RemoteCommandError(failure) }];
        });
        const all = [...failures, ...nonZero];
        if (all.length > 0) throw new HostsFailedError('exec', all, 'Each host\'s output and error are shown above.');
      });
    });
}
