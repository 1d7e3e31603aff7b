/** TCP ports the control plane and node daemons kit installs listen on; nothing else may take them. */
export const KIT_PORTS: readonly { readonly port: number; readonly use: string }[] = Object.freeze([
  { port: 6443, use: 'kube-apiserver' },
  { port: 2379, use: 'etcd clients' },
  { port: 2380, use: 'etcd peers' },
  { port: 10250, use: 'kubelet' },
  { port: 10256, use: 'kube-proxy health' },
  { port: 10257, use: 'kube-controller-manager' },
  { port: 10259, use: 'kube-scheduler' },
]);

export function kitPortUse(port: number): string | undefined {
  return KIT_PORTS.find((entry) => entry.port === port)?.use;
}
