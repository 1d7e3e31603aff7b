/** One Debian binary package and the files the rig takes out of it. */
export interface DebianBinaryPackage {
  readonly package: string;
  /** Paths inside the .deb (no leading `./`); each lands as debian-bin/<package>/<basename>. */
  readonly files: readonly string[];
  /** Missing from the release apt serves is recorded, not fatal (cri-tools is not in bookworm). */
  readonly optional?: boolean;
}

/**
 * What the rig's hosts run besides the Kubernetes binaries built from source
 * (test/artifacts/build-kubernetes.sh). kubectl comes along to compare with the source build.
 */
export const DEBIAN_BINARY_PACKAGES: readonly DebianBinaryPackage[] = [
  { package: 'containerd', files: ['usr/bin/containerd', 'usr/bin/containerd-shim-runc-v2', 'usr/bin/ctr'] },
  { package: 'runc', files: ['usr/sbin/runc'] },
  {
    package: 'containernetworking-plugins',
    files: ['bridge', 'host-local', 'loopback', 'portmap', 'bandwidth', 'firewall', 'tuning', 'ptp'].map((name) => `usr/lib/cni/${name}`),
  },
  { package: 'etcd-server', files: ['usr/bin/etcd'] },
  { package: 'etcd-client', files: ['usr/bin/etcdctl'] },
  { package: 'kubernetes-client', files: ['usr/bin/kubectl'] },
  { package: 'haproxy', files: ['usr/sbin/haproxy'] },
  { package: 'cri-tools', files: ['usr/bin/crictl'], optional: true },
];
