import { KitError } from '../errors/kit-error.ts';

/**
 * The CNI manifest the inventory names could not be read when the add-ons phase ran (moved
 * since the inventory was checked, a URL that did not answer, content that is not a manifest).
 */
export class AddonManifestError extends KitError {
  constructor(source: string, reason: string, cause?: unknown) {
    super('NETWORK_CONFIG_INVALID', `network.manifest ${source}: ${reason}`, {
      hint: 'Point network.manifest at a readable manifest file (relative to the inventory) or an http(s) URL this machine can fetch, then re-run.',
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
