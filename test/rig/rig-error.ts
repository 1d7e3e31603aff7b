import { KitError } from '../../src/errors/kit-error.ts';

/**
 * Something in the test rig failed: a local command, a host that did not boot, a missing
 * tool. The rig is test infrastructure, so it reuses the INTERNAL code rather than adding a
 * user-facing one.
 */
export class RigError extends KitError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('RIG_FAILED', message, options);
  }
}

/** A local command (ip, mount, debootstrap, ...) exited with a code the caller did not allow. */
export class LocalCommandError extends RigError {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(options: { command: string; exitCode: number | null; signal: string | null; stderr: string }) {
    const status = options.exitCode === null ? `was killed by ${options.signal ?? 'a signal'}` : `exited ${options.exitCode}`;
    const tail = tailLines(options.stderr, 15);
    super(`\`${options.command}\` ${status}${tail === '' ? '' : `:\n${tail}`}`, {
      hint: 'The rig needs root and the packages listed in docs/rig.md; run the command by hand to see more.',
    });
    this.exitCode = options.exitCode;
    this.stderr = options.stderr;
  }
}

export function tailLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-count).map((line) => `    ${line}`).join('\n').trimEnd();
}
