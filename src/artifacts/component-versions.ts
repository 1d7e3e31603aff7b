import { resolveVersion } from '../bootstrap/versions/resolve-version.ts';
import type { SupportedMinor } from '../bootstrap/versions/version-table.ts';

/** Everything kit installs for one Kubernetes version, as upstream release numbers (no `v`). */
export interface ComponentVersions {
  /** `v1.37.1`: the Kubernetes release (kept with its `v`, as dl.k8s.io names it). */
  readonly kubernetes: string;
  readonly minor: SupportedMinor;
  readonly etcd: string;
  readonly containerd: string;
  readonly runc: string;
  readonly cniPlugins: string;
  readonly crictl: string;
  readonly pause: string;
  readonly coreDns: string;
  /** Registry prefix the images are tagged with: kubeadm's default for that minor. */
  readonly imageRepository: string;
}

interface RuntimeVersions {
  readonly containerd: string;
  readonly runc: string;
  readonly cniPlugins: string;
  readonly crictl: string;
}

/*
 * The runtime pieces are not in src/bootstrap's version table (it covers what changes flags
 * and config APIs), so they live here. Modern minors: containerd 2.2.0, runc 1.3.1 and CNI
 * plugins 1.8.0 as released in late 2025; cri-tools follows the Kubernetes minor. Bump them
 * (and nothing else) when a newer patch ships. 1.20 is what the rig runs: Debian bookworm's
 * containerd 1.6.20, runc 1.1.5 and containernetworking-plugins 1.1.1.
 */
const RUNTIME: Readonly<Record<SupportedMinor, RuntimeVersions>> = Object.freeze({
  '1.37': { containerd: '2.2.0', runc: '1.3.1', cniPlugins: '1.8.0', crictl: '1.37.0' },
  '1.36': { containerd: '2.2.0', runc: '1.3.1', cniPlugins: '1.8.0', crictl: '1.36.0' },
  '1.35': { containerd: '2.2.0', runc: '1.3.1', cniPlugins: '1.8.0', crictl: '1.35.0' },
  '1.20': { containerd: '1.6.20', runc: '1.1.5', cniPlugins: '1.1.1', crictl: '1.20.0' },
});

/** k8s.gcr.io was frozen in 2023; kubeadm 1.20 still defaulted to it. */
function defaultImageRepository(minor: SupportedMinor): string {
  return minor === '1.20' ? 'k8s.gcr.io' : 'registry.k8s.io';
}

/**
 * Component versions for a Kubernetes version (`v1.36`, `v1.36.2`): etcd, pause and CoreDNS
 * from src/bootstrap's version table, the runtime from the table above. Unsupported versions
 * throw UnsupportedVersionError.
 */
export function componentVersions(kubernetesVersion: string): ComponentVersions {
  const resolved = resolveVersion(kubernetesVersion);
  const { etcd, pause, coreDns } = resolved.traits.components;
  return {
    kubernetes: resolved.version,
    minor: resolved.minor,
    etcd,
    pause,
    coreDns,
    ...RUNTIME[resolved.minor],
    imageRepository: defaultImageRepository(resolved.minor),
  };
}
