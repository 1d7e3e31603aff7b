import type { ArtifactSpec } from './artifact-catalog.ts';
import type { ComponentVersions } from './component-versions.ts';

/** Kubernetes' own download host and the project release pages the other components use. */
export const KUBERNETES_DOWNLOADS = 'https://dl.k8s.io';
export const GITHUB = 'https://github.com';

export type Arch = 'amd64' | 'arm64';

/** One file on a download server, and where its published sha256 is. */
export interface RemoteAsset {
  readonly url: string;
  /** A `.sha256` file (bare hex), or a list of `<hex>  <name>` lines naming `fileName`. */
  readonly sumUrl: string;
  /** The asset's file name: the name looked up in a multi-line sums file, and the cache's name for it. */
  readonly fileName: string;
}

/** Where one artifact comes from: a plain file, or one member of a .tar.gz. */
export interface ArtifactSource {
  readonly asset: RemoteAsset;
  /** Path inside the archive (`bin/containerd`); absent when the asset is the file itself. */
  readonly member?: string;
}

export interface LayoutOptions {
  readonly arch: Arch;
  /** A base URL mirroring the upstream hosts: `<mirror>/<host>/<path>` (what `wget -x` lays out). */
  readonly mirror?: string;
}

const release = (repo: string, tag: string, file: string): string => `${GITHUB}/${repo}/releases/download/${tag}/${file}`;

/** `<hex>` next to the asset: `<asset>.sha256`. */
function beside(url: string, suffix: string): RemoteAsset {
  return { url, sumUrl: `${url}${suffix}`, fileName: url.slice(url.lastIndexOf('/') + 1) };
}

function upstreamSource(spec: ArtifactSpec, v: ComponentVersions, arch: Arch): ArtifactSource | undefined {
  switch (spec.component) {
    case 'kubernetes':
      return { asset: beside(`${KUBERNETES_DOWNLOADS}/release/${v.kubernetes}/bin/linux/${arch}/${spec.name}`, '.sha256') };
    case 'etcd': {
      const base = `etcd-v${v.etcd}-linux-${arch}`;
      const url = release('etcd-io/etcd', `v${v.etcd}`, `${base}.tar.gz`);
      return { asset: { url, sumUrl: release('etcd-io/etcd', `v${v.etcd}`, 'SHA256SUMS'), fileName: `${base}.tar.gz` }, member: `${base}/${spec.name}` };
    }
    case 'containerd':
      return { asset: beside(release('containerd/containerd', `v${v.containerd}`, `containerd-${v.containerd}-linux-${arch}.tar.gz`), '.sha256sum'), member: `bin/${spec.name}` };
    case 'runc': {
      const url = release('opencontainers/runc', `v${v.runc}`, `runc.${arch}`);
      return { asset: { url, sumUrl: release('opencontainers/runc', `v${v.runc}`, 'runc.sha256sum'), fileName: `runc.${arch}` } };
    }
    case 'cni-plugins':
      return { asset: beside(release('containernetworking/plugins', `v${v.cniPlugins}`, `cni-plugins-linux-${arch}-v${v.cniPlugins}.tgz`), '.sha256'), member: spec.name };
    case 'crictl':
      return { asset: beside(release('kubernetes-sigs/cri-tools', `v${v.crictl}`, `crictl-v${v.crictl}-linux-${arch}.tar.gz`), '.sha256'), member: 'crictl' };
    case 'image':
      return undefined;
  }
}

/**
 * Where an artifact is downloaded from. Upstream publishes images only through registries,
 * so an image has a source only on a mirror, which kit expects to serve docker archives at
 * `<mirror>/kit-images/linux/<arch>/<ref with / and : as _>.tar` (+ `.sha256`); without one
 * the runtime pulls images itself.
 */
export function artifactSource(spec: ArtifactSpec, versions: ComponentVersions, options: LayoutOptions): ArtifactSource | undefined {
  if (spec.component === 'image') {
    if (options.mirror === undefined || spec.imageRef === undefined) return undefined;
    const fileName = `${imageArchiveName(spec.imageRef(versions))}.tar`;
    return { asset: beside(`${trimSlash(options.mirror)}/kit-images/linux/${options.arch}/${fileName}`, '.sha256') };
  }
  const source = upstreamSource(spec, versions, options.arch);
  if (source === undefined || options.mirror === undefined) return source;
  const asset: RemoteAsset = { ...source.asset, url: onMirror(options.mirror, source.asset.url), sumUrl: onMirror(options.mirror, source.asset.sumUrl) };
  return { ...source, asset };
}

/** `https://dl.k8s.io/release/x` → `<mirror>/dl.k8s.io/release/x`. */
export function onMirror(mirror: string, upstreamUrl: string): string {
  const url = new URL(upstreamUrl);
  return `${trimSlash(mirror)}/${url.host}${url.pathname}`;
}

/** `registry.k8s.io/pause:3.10` → `registry.k8s.io_pause_3.10`: one flat, safe file name. */
export function imageArchiveName(ref: string): string {
  return ref.replace(/[/:@]/gu, '_');
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/u, '');
}

/** Go's names for the machine types `uname -m` prints. */
export function archFromUname(machine: string): Arch | undefined {
  if (machine === 'x86_64' || machine === 'amd64') return 'amd64';
  if (machine === 'aarch64' || machine === 'arm64') return 'arm64';
  return undefined;
}
