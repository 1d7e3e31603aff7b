import { KitError } from '../errors/kit-error.ts';
import type { KitErrorOptions } from '../errors/kit-error.ts';

/**
 * The cluster's network settings cannot work as written or as found on the hosts: a pod
 * subnet that is full, a node subnet outside the cluster's, two nodes claiming one subnet.
 * The message carries the numbers; the hint names the inventory field to change.
 */
export class NetworkConfigError extends KitError {
  constructor(message: string, options: KitErrorOptions = {}) {
    super('NETWORK_CONFIG_INVALID', message, options);
  }
}
