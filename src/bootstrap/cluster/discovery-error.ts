import { KitError } from '../../errors/kit-error.ts';

/** Token discovery failed: the cluster-info a joining node would trust does not check out. */
export class DiscoveryError extends KitError {
  constructor(message: string) {
    super('JOIN_FAILED', `token discovery: ${message}`, {
      hint: 'Check that kube-controller-manager runs with the bootstrapsigner controller on every control plane and that no one else edits kube-public/cluster-info; then re-run kit apply (it creates a fresh token).',
    });
  }
}
