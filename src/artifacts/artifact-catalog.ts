import type { HostRole } from '../inventory/inventory.ts';
import type { ComponentVersions } from './component-versions.ts';

/** How a file is used on the host: run it, hand it to containerd, or let containerd's CNI call it. */
export type ArtifactKind = 'binary' | 'image' | 'cni-plugin';

/** The upstream release a file comes from (one download may hold several files). */
export type ArtifactComponent = 'kubernetes' | 'etcd' | 'containerd' | 'runc' | 'cni-plugins' | 'crictl' | 'image';

export interface ArtifactSpec {
  /** Unique; also the key in a bundle's manifest (`files[].name`). */
  readonly name: string;
  readonly kind: ArtifactKind;
  readonly component: ArtifactComponent;
  /** Absolute path on the host. */
  readonly installPath: string;
  readonly mode: number;
  /** Hosts with any of these roles get the file. */
  readonly roles: readonly HostRole[];
  /** False: a cluster works without it (a bundle may leave it out). */
  readonly required: boolean;
  /** Images only: the reference the archive carries, for this version's components. */
  readonly imageRef?: (versions: ComponentVersions) => string;
}

export const BIN_DIR = '/usr/local/bin';
/** runc goes to sbin, where containerd's shim finds it on systemd's default PATH. */
export const SBIN_DIR = '/usr/local/sbin';
export const CNI_BIN_DIR = '/opt/cni/bin';
/** Image archives wait here until `ctr images import` loads them. */
export const IMAGE_DIR = '/var/lib/kit/images';

const EVERY_NODE: readonly HostRole[] = ['control-plane', 'worker'];
const CONTROL_PLANE: readonly HostRole[] = ['control-plane'];

function binary(name: string, component: ArtifactComponent, roles: readonly HostRole[], options: { dir?: string; required?: boolean } = {}): ArtifactSpec {
  return { name, kind: 'binary', component, installPath: `${options.dir ?? BIN_DIR}/${name}`, mode: 0o755, roles, required: options.required ?? true };
}

function cniPlugin(name: string): ArtifactSpec {
  return { name, kind: 'cni-plugin', component: 'cni-plugins', installPath: `${CNI_BIN_DIR}/${name}`, mode: 0o755, roles: EVERY_NODE, required: true };
}

/** Where an image archive of this name lands on a host. */
export function imageInstallPath(name: string): string {
  return `${IMAGE_DIR}/${name}.tar`;
}

function image(name: string, required: boolean, imageRef: (versions: ComponentVersions) => string): ArtifactSpec {
  return { name, kind: 'image', component: 'image', installPath: imageInstallPath(name), mode: 0o644, roles: EVERY_NODE, required, imageRef };
}

/**
 * Every file kit installs, the same for each supported version (the versions differ only in
 * where the files come from, see upstream-layout.ts). The control plane runs stacked etcd and
 * keeps kubectl for the admin kubeconfig; every node runs kubelet, kube-proxy and the runtime.
 * crictl is a debugging aid; CoreDNS may be pulled by the runtime when a bundle lacks it.
 */
export const ARTIFACT_CATALOG: readonly ArtifactSpec[] = Object.freeze([
  binary('kube-apiserver', 'kubernetes', CONTROL_PLANE),
  binary('kube-controller-manager', 'kubernetes', CONTROL_PLANE),
  binary('kube-scheduler', 'kubernetes', CONTROL_PLANE),
  binary('kubectl', 'kubernetes', CONTROL_PLANE),
  binary('kubelet', 'kubernetes', EVERY_NODE),
  binary('kube-proxy', 'kubernetes', EVERY_NODE),
  binary('etcd', 'etcd', CONTROL_PLANE),
  binary('etcdctl', 'etcd', CONTROL_PLANE),
  binary('containerd', 'containerd', EVERY_NODE),
  binary('containerd-shim-runc-v2', 'containerd', EVERY_NODE),
  binary('ctr', 'containerd', EVERY_NODE),
  binary('runc', 'runc', EVERY_NODE, { dir: SBIN_DIR }),
  cniPlugin('bridge'),
  cniPlugin('host-local'),
  cniPlugin('portmap'),
  cniPlugin('loopback'),
  binary('crictl', 'crictl', EVERY_NODE, { required: false }),
  image('pause', true, (v) => `${v.imageRepository}/pause:${v.pause}`),
  // CoreDNS moved to coredns/coredns (and tags gained a `v`) in kubeadm 1.21.
  image('coredns', false, (v) => (v.minor === '1.20' ? `${v.imageRepository}/coredns:${v.coreDns}` : `${v.imageRepository}/coredns/coredns:v${v.coreDns}`)),
]);

const BY_NAME = new Map(ARTIFACT_CATALOG.map((spec) => [spec.name, spec]));

export function catalogEntry(name: string): ArtifactSpec | undefined {
  return BY_NAME.get(name);
}

/** Where a file sits inside a bundle (and inside kit's download cache, which is laid out alike). */
export function bundlePath(spec: Pick<ArtifactSpec, 'name' | 'kind'>): string {
  if (spec.kind === 'image') return `images/${spec.name}.tar`;
  return `${spec.kind === 'cni-plugin' ? 'cni' : 'bin'}/${spec.name}`;
}

/** Whether a host with these roles needs the artifact. */
export function neededBy(spec: Pick<ArtifactSpec, 'roles'>, roles: readonly HostRole[]): boolean {
  return spec.roles.some((role) => roles.includes(role));
}
