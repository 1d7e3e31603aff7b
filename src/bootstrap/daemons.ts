/** The daemons kit runs as systemd services; each name is also its unit's name (`<name>.service`). */
export const DAEMONS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'kube-apiserver-lb',
] as const;

export type DaemonName = (typeof DAEMONS)[number];

/** Where a daemon's unit lives: /etc/systemd/system wins over units a distribution package ships. */
export function unitPath(daemon: DaemonName): string {
  return `/etc/systemd/system/${unitName(daemon)}`;
}

export function unitName(daemon: DaemonName): string {
  return `${daemon}.service`;
}
