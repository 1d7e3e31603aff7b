import { KitError } from './kit-error.ts';

/** The run was stopped (Ctrl-C or a signal) before it finished. */
export class CancelledError extends KitError {
  constructor(reason = 'the run was cancelled') {
    super('CANCELLED', reason, { hint: 'Re-run the same command: every phase is idempotent and resumes where it stopped.' });
  }
}
