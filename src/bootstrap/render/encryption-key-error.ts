import { KitError } from '../../errors/kit-error.ts';

/** An encryption-at-rest key kit was handed cannot be used. The message never holds the key. */
export class EncryptionKeyError extends KitError {
  constructor(problem: string) {
    super('INTERNAL', `encryption at rest: ${problem}`, {
      hint: 'Each key is 32 random bytes in base64 (head -c 32 /dev/urandom | base64) with a unique lowercase name.',
    });
  }
}
