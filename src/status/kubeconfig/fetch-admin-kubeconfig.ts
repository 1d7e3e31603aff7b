import { KUBECONFIGS } from '../../bootstrap/paths.ts';
import { KitError } from '../../errors/kit-error.ts';
import type { Host } from '../../host/host.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import type { HostFailure } from '../../workflow/hosts-failed-error.ts';

export interface FetchAdminOptions<T extends { readonly name: string }> {
  /** In the order to try: the first that answers wins. */
  readonly controlPlanes: readonly T[];
  readonly connect: (plane: T) => Promise<Host>;
  readonly signal?: AbortSignal;
  /** Shown in the hint when no control plane has the file. */
  readonly inventoryPath: string;
}

/** admin.conf from the first control plane that can be reached and holds it; one at a time, so a healthy cluster costs one connection. */
export async function fetchAdminKubeconfig<T extends { readonly name: string }>(options: FetchAdminOptions<T>): Promise<{ readonly from: string; readonly text: string }> {
  const failures: HostFailure[] = [];
  for (const plane of options.controlPlanes) {
    try {
      const host = await options.connect(plane);
      const content = await host.download(KUBECONFIGS.admin, options.signal === undefined ? {} : { signal: options.signal });
      if (content !== undefined) return { from: plane.name, text: content.toString('utf8') };
      failures.push({ host: plane.name, error: new KitError('CLUSTER_NOT_READY', `${plane.name} has no ${KUBECONFIGS.admin}`, { hint: `kit apply -f ${options.inventoryPath} writes it.` }) });
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      failures.push({ host: plane.name, error });
    }
  }
  throw new HostsFailedError(`reading ${KUBECONFIGS.admin}`, failures, 'No control plane gave its admin kubeconfig; each one\'s reason is listed above.');
}
