import { CommanderError } from 'commander';
import { isKitError } from '../errors/kit-error.ts';
import type { CliContext } from './cli-context.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { formatError } from './format-error.ts';
import { serializeError } from './render/serialize-error.ts';
import { buildProgram } from './program.ts';

/**
 * The one place that catches, prints and exits. Everything below throws typed errors.
 * First Ctrl-C cancels cleanly (no new work starts, running commands are stopped);
 * a second one exits at once.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.cancelled);
    process.stderr.write('\nstopping: finishing what is running, starting nothing new (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const debug = argv.includes('--debug');
  const json = hasJsonOutput(argv);
  const makeContext = (flags: CliContext['flags']): CliContext => ({
    flags,
    signal: controller.signal,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stderr.isTTY,
  });
  try {
    await buildProgram(makeContext).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (json) process.stdout.write(`${JSON.stringify({ type: 'error', error: serializeError(error) })}\n`);
    else process.stderr.write(`${formatError(error, { debug })}\n`);
    return isKitError(error) ? exitCodeFor(error.code) : EXIT.internal;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

function hasJsonOutput(argv: readonly string[]): boolean {
  const index = argv.findIndex((arg) => arg === '--output' || arg === '-o');
  return argv.includes('--output=json') || (index >= 0 && argv[index + 1] === 'json');
}
