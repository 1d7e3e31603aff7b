import { KitError } from '../../errors/kit-error.ts';

/** A kubeconfig that cannot be merged into: an entry of the same name differs, or the file is not a kubeconfig. */
export class KubeconfigMergeError extends KitError {
  constructor(message: string, hint: string) {
    super('KUBECONFIG_CONFLICT', message, { hint });
  }
}
