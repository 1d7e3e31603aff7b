import { KitError } from './kit-error.ts';

/** Preflight found errors: nothing was changed on any host. */
export class PreflightFailedError extends KitError {
  constructor(errorCount: number, names: readonly string[]) {
    super('PREFLIGHT_FAILED', `preflight found ${errorCount} error(s): ${names.join(', ')}`, {
      hint: 'Fix each as the report says and re-run, or lower named checks to warnings with --ignore-preflight-errors=NAME,… (all for every check).',
    });
  }
}
