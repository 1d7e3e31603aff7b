import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext, GlobalFlags } from './cli-context.ts';
import { registerCommands } from './commands/register-commands.ts';

/** The command tree. Each command lives in src/cli/commands/ and gets a CliContext. */
export function buildProgram(makeContext: (flags: GlobalFlags) => CliContext): Command {
  const program = new Command('kit')
    .description('Turn Linux servers into a Kubernetes cluster over plain SSH.')
    .version('0.1.0', '--version')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--debug', 'show debug events, stack traces and causes', false)
    .option('--concurrency <n>', 'hosts worked on at once', parsePositiveInt, 10)
    .option('--accept-new-host-keys', 'record unknown SSH host keys instead of refusing them (changed keys are always refused)', false)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
  const contextOf = (): CliContext => makeContext(globalFlags(program.opts()));
  registerCommands(program, contextOf);
  return program;
}

function globalFlags(options: Record<string, unknown>): GlobalFlags {
  return {
    output: options['output'] === 'json' ? 'json' : 'text',
    debug: options['debug'] === true,
    concurrency: typeof options['concurrency'] === 'number' ? options['concurrency'] : 10,
    acceptNewHostKeys: options['acceptNewHostKeys'] === true,
  };
}

export function parsePositiveInt(value: string): number {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 1 || String(parsed) !== value.trim()) {
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  }
  return parsed;
}
