import { KitError } from './kit-error.ts';

export interface RemoteCommandFailure {
  readonly host: string;
  /** The command as shown to users: already redacted when it carried a secret. */
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal?: string;
  readonly stderrTail: string;
}

/** A command on a host exited with a code the caller did not allow. */
export class RemoteCommandError extends KitError {
  readonly failure: RemoteCommandFailure;

  constructor(failure: RemoteCommandFailure, hint?: string) {
    const status = failure.exitCode === null ? `was killed by ${failure.signal ?? 'a signal'}` : `exited ${failure.exitCode}`;
    const tail = failure.stderrTail.trim() === '' ? '' : `:\n${indent(failure.stderrTail.trim())}`;
    super('REMOTE_COMMAND_FAILED', `${failure.host}: \`${failure.command}\` ${status}${tail}`, hint === undefined ? {} : { hint });
    this.failure = failure;
  }
}

/** A command on a host ran longer than its timeout and was abandoned. */
export class RemoteCommandTimeoutError extends KitError {
  constructor(host: string, command: string, timeoutMs: number) {
    super('REMOTE_COMMAND_TIMEOUT', `${host}: \`${command}\` did not finish within ${timeoutMs} ms`, {
      hint: `Check the host's load and the command by hand: ssh ${host} -- ${command}`,
    });
  }
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
