import { KitError } from '../../errors/kit-error.ts';

const CODE = 'ETCD_MEMBERSHIP';

/** A control plane's etcd data and the cluster's member list disagree: kit will not guess which is right. */
export class EtcdMembershipError extends KitError {
  readonly host: string;

  constructor(host: string, problem: string, hint: string) {
    super(CODE, `${host}: etcd ${problem}`, { hint });
    this.host = host;
  }
}
