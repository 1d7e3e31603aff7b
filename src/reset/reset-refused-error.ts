import { KitError } from '../errors/kit-error.ts';

/** Resetting this node would break the cluster that stays (etcd's quorum); `--force` overrides. */
export class ResetRefusedError extends KitError {
  readonly host: string;

  constructor(host: string, consequence: string) {
    super('ETCD_MEMBERSHIP', `refusing to reset ${host}: ${consequence}`, {
      hint: 'Bring the other control planes back to health first (etcdctl endpoint health on each), or pass --force to reset it anyway and accept the consequence above.',
    });
    this.host = host;
  }
}
