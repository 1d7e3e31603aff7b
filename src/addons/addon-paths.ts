/**
 * The last manifest kit applied successfully, per add-on: what the next plan compares with.
 * Root-only (0600) like the kubeconfigs beside it; a CNI manifest may carry credentials.
 */
export const ADDONS_DIR = '/etc/kubernetes/addons';

export function appliedPath(name: string): string {
  return `${ADDONS_DIR}/${name}.yaml`;
}

/** Where a manifest waits while kubectl applies it; renamed to appliedPath only on success. */
export function pendingPath(name: string): string {
  return `${ADDONS_DIR}/.${name}.pending.yaml`;
}
