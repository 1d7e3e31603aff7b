import { KitError } from './kit-error.ts';

/** A command line that cannot be acted on (bad flag value, missing argument). */
export class UsageError extends KitError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, hint === undefined ? {} : { hint });
  }
}
