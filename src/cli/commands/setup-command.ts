import { homedir, userInfo } from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';
import { inquirerPrompter } from '../setup/prompter.ts';
import { runSetup } from '../setup/run-setup.ts';
import { SetupNeedsTerminalError } from '../setup/setup-errors.ts';

interface SetupFlags {
  readonly out: string;
  readonly from?: string;
}

/** `kit setup`: the interactive wizard that writes an inventory, checking each host as it goes. */
export function registerSetupCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('setup')
    .description('write an inventory by answering questions; each host is checked over SSH as it is entered (needs a terminal)')
    .option('--out <file>', 'inventory file to write (asks before replacing one)', 'inventory.yaml')
    .option('--from <file>', 'pre-fill every answer from an existing inventory')
    .action(async (flags: SetupFlags) => {
      const context = contextOf();
      // Refuse before the first prompt: without a terminal inquirer would wait forever.
      if (process.stdin.isTTY !== true) throw new SetupNeedsTerminalError();
      await runSetup({
        io: {
          prompter: inquirerPrompter({ signal: context.signal }),
          print: (text) => context.stdout(`${text}\n`),
          signal: context.signal,
          debug: context.flags.debug,
          paths: { homeDir: homedir(), baseDir: process.cwd() },
          width: Math.max(60, process.stdout.columns ?? 100),
        },
        out: flags.out,
        ...(flags.from === undefined ? {} : { from: flags.from }),
        env: process.env,
        localUser: userInfo().username,
        concurrency: context.flags.concurrency,
        color: process.stdout.isTTY,
      });
    });
}
