import { KitError } from '../../errors/kit-error.ts';

/** A node label the kubelet refuses to set on itself (it would exit at start). */
export class KubeletLabelError extends KitError {
  constructor(node: string, key: string) {
    super('INVENTORY_INVALID', `${node}: the kubelet may not set label "${key}" on its own node`, {
      hint:
        'Labels under kubernetes.io and k8s.io are reserved; the kubelet may only set kubelet.kubernetes.io/*, ' +
        'node.kubernetes.io/* and the well-known topology, os and arch labels. Use your own prefix (example.com/role).',
    });
  }
}
