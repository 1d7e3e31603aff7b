import { KitError } from '../errors/kit-error.ts';
import type { KitErrorOptions } from '../errors/kit-error.ts';

/** The PKI in hand, on hosts or in a --pki-dir cannot be used as it is. */
export class PkiError extends KitError {
  constructor(message: string, options: KitErrorOptions = {}) {
    super('PKI_INVALID', message, options);
  }
}
