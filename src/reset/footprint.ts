import { ARTIFACT_CATALOG, IMAGE_DIR } from '../artifacts/artifact-catalog.ts';
import { DAEMONS, unitName, unitPath } from '../bootstrap/daemons.ts';
import { CONFIG_FILES, HAPROXY_PID_FILE, KUBECONFIGS, KUBERNETES_DIR, STATE_DIRS } from '../bootstrap/paths.ts';
import { CERT_LIST } from '../certs/cert-list.ts';
import type { CertRow } from '../certs/cert-row.ts';
import { KUBELET_CERTS } from '../certs/kubelet-certs.ts';
import { CNI_CONFLIST_PATH, FORWARD_CHAIN, MASQUERADE_CHAIN, OVERLAY_DEVICE, OVERLAY_RULES_PATH, OVERLAY_SCRIPT_PATH, OVERLAY_STATE_PATH, OVERLAY_UNIT_NAME, OVERLAY_UNIT_PATH, POD_BRIDGE } from '../cni/overlay-names.ts';
import { KIT_KERNEL_MODULES, KIT_SYSCTLS } from '../runtime/kernel-prereqs.ts';
import { parseContainerdVersion } from '../runtime/containerd-version.ts';
import { runtimeFiles } from '../runtime/runtime-files.ts';
import { DAEMON_SYSCTLS } from './daemon-sysctls.ts';
import { KIT_STATE_DIR } from './record-paths.ts';

/** The kubelet and kube-proxy go first, so nothing restarts pods or rewrites rules while the rest stops. */
const STOP_FIRST: ReadonlySet<string> = new Set(['kubelet', 'kube-proxy']);

/**
 * Everything kit (or a daemon kit runs) creates on a host, computed from the tables the
 * installers use. `reset` removes exactly this, the pre-kit record restores what of it was
 * there before kit, and a unit test proves every installer's paths are covered.
 */
export interface Footprint {
  /** The file that says a host belongs to a cluster: kit was here when it exists. */
  readonly clusterMarker: string;
  /** Single files kit writes: removed, or restored from the record when they predate kit. */
  readonly files: readonly string[];
  /**
   * Directories wholly kit's or its daemons' (config, data, state): removed; one that predates
   * kit keeps only the entries it had then.
   */
  readonly ownedDirs: readonly string[];
  /** systemd units, in the order they are stopped (consumers of the runtime first). */
  readonly units: readonly string[];
  /** Network devices kit or its daemons create; veths enslaved to the pod bridge go too. */
  readonly devices: readonly string[];
  /** The pod bridge: its veths belong to pods. */
  readonly podBridge: string;
  /** iptables chains named exactly, and by prefix (kube-proxy's and kubelet's KUBE-*, CNI plugins' CNI-*). */
  readonly chains: readonly string[];
  readonly chainPrefixes: readonly string[];
  /** nftables tables (family and name) kube-proxy's nftables mode makes. */
  readonly nftTables: readonly string[];
  /** Sysctls kit or its daemons set: their live values are recorded before kit and restored. */
  readonly sysctls: readonly string[];
  readonly modules: readonly string[];
  /** Network namespaces the CRI makes for pods live here as bind mounts named cni-*. */
  readonly netnsDir: string;
}

/** containerd's own defaults (kit's config does not move them); no installer table lists them. */
const CONTAINERD_DIRS = ['/var/lib/containerd', '/run/containerd', '/opt/containerd'];
/**
 * Directories the daemons create by themselves: host-local IPAM's leases, the kubelet's pod
 * logs and their symlinks, its FlexVolume plugin directory, the API server's default cert dir.
 */
const DAEMON_DIRS = ['/var/lib/cni', '/var/log/pods', '/var/log/containers', '/usr/libexec/kubernetes', '/run/kubernetes'];
/** Files a daemon writes by itself: haproxy's pid file. */
const DAEMON_FILES = [HAPROXY_PID_FILE];

function certPaths(row: CertRow): string[] {
  switch (row.kind) {
    case 'ca':
    case 'leaf':
      return [row.certPath, row.keyPath];
    case 'keypair':
      return [row.privateKeyPath, row.publicKeyPath];
    case 'kubeconfig':
      return [row.path];
  }
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** The paths runtimeFiles() writes; the options only change content, never where files go. */
function runtimePaths(): string[] {
  const files = runtimeFiles({ containerdVersion: parseContainerdVersion('1.7.0'), cgroupDriver: 'systemd', sandboxImage: 'pause', restrictOomScoreAdj: false, cniBinDir: '/opt/cni/bin', cniConfDir: '/etc/cni/net.d' });
  return files.map((file) => file.path);
}

/** `clusterMarker`: where the flows mark a host as a cluster's (they own that path). */
export function kitFootprint(options: { readonly clusterMarker: string }): Footprint {
  const files = [
    options.clusterMarker,
    ...CERT_LIST.flatMap(certPaths),
    ...KUBELET_CERTS.map((cert) => cert.path),
    ...Object.values(KUBECONFIGS),
    ...Object.values(CONFIG_FILES),
    ...DAEMONS.map(unitPath),
    ...runtimePaths(),
    OVERLAY_STATE_PATH, OVERLAY_RULES_PATH, OVERLAY_SCRIPT_PATH, OVERLAY_UNIT_PATH, CNI_CONFLIST_PATH,
    ...ARTIFACT_CATALOG.map((spec) => spec.installPath),
    ...DAEMON_FILES,
  ];
  const ownedDirs = [
    KUBERNETES_DIR,
    parentOf(options.clusterMarker),
    parentOf(OVERLAY_SCRIPT_PATH),
    KIT_STATE_DIR,
    IMAGE_DIR,
    STATE_DIRS.etcdData,
    STATE_DIRS.kubelet,
    parentOf(STATE_DIRS.auditLog),
    parentOf(CONFIG_FILES.kubeProxyConfig),
    ...CONTAINERD_DIRS,
    ...DAEMON_DIRS,
  ];
  return {
    clusterMarker: options.clusterMarker,
    files: unique(files),
    ownedDirs: outermost(unique(ownedDirs)),
    units: [...DAEMONS.filter((name) => STOP_FIRST.has(name)), ...DAEMONS.filter((name) => !STOP_FIRST.has(name)).reverse()].map(unitName).concat(['containerd.service', OVERLAY_UNIT_NAME]),
    devices: [OVERLAY_DEVICE, POD_BRIDGE, 'kube-ipvs0'],
    podBridge: POD_BRIDGE,
    chains: [MASQUERADE_CHAIN, FORWARD_CHAIN],
    chainPrefixes: ['KUBE-', 'CNI-'],
    nftTables: ['ip kube-proxy', 'ip6 kube-proxy'],
    sysctls: unique([...Object.keys(KIT_SYSCTLS), ...DAEMON_SYSCTLS]),
    modules: [...KIT_KERNEL_MODULES],
    netnsDir: '/run/netns',
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Drops directories inside another listed one: removing the outer one covers them. */
function outermost(dirs: readonly string[]): string[] {
  return dirs.filter((dir) => !dirs.some((other) => other !== dir && dir.startsWith(`${other}/`)));
}

/**
 * Every directory above the footprint's paths (not `/`), and the netns directory the runtime
 * makes: the record notes which existed, reset removes the others once empty.
 */
export function ancestorDirs(footprint: Footprint): string[] {
  const found = new Set<string>();
  for (const path of [...footprint.files, ...footprint.ownedDirs]) {
    for (let dir = parentOf(path); dir !== '/'; dir = parentOf(dir)) found.add(dir);
  }
  found.add(footprint.netnsDir);
  return [...found].filter((dir) => !footprint.ownedDirs.some((owned) => dir === owned || dir.startsWith(`${owned}/`))).sort();
}
