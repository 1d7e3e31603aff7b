import { isKitError } from '../errors/kit-error.ts';
import { HostsFailedError } from '../workflow/hosts-failed-error.ts';

export interface FormatErrorOptions {
  /** Show stack traces and causes (`--debug`). */
  readonly debug: boolean;
}

/** Turns any error into the text a person reads: what, where, and what to do. */
export function formatError(error: unknown, options: FormatErrorOptions): string {
  const lines: string[] = [];
  appendError(lines, error, '', options);
  return lines.join('\n');
}

function appendError(lines: string[], error: unknown, indent: string, options: FormatErrorOptions): void {
  if (!isKitError(error)) {
    const text = error instanceof Error ? error.message : String(error);
    lines.push(`${indent}error: ${text}`);
    if (options.debug && error instanceof Error && error.stack !== undefined) lines.push(indentText(error.stack, `${indent}  `));
    else lines.push(`${indent}  (this is a bug in kit; re-run with --debug and report the output)`);
    return;
  }
  lines.push(`${indent}error[${error.code}]: ${error.message.split('\n').join(`\n${indent}  `)}`);
  if (error instanceof HostsFailedError) {
    for (const failure of error.failures) {
      lines.push(`${indent}  - ${failure.host}:`);
      appendError(lines, failure.error, `${indent}    `, options);
    }
  }
  if (error.hint !== undefined) lines.push(`${indent}  hint: ${error.hint}`);
  if (options.debug) {
    if (error.stack !== undefined) lines.push(indentText(error.stack, `${indent}  `));
    if (error.cause !== undefined) {
      lines.push(`${indent}  caused by:`);
      appendError(lines, error.cause, `${indent}    `, options);
    }
  }
}

function indentText(text: string, indent: string): string {
  return text.split('\n').map((line) => `${indent}${line}`).join('\n');
}
