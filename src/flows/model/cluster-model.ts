import { componentVersions } from '../../artifacts/component-versions.ts';
import type { ClusterSpec } from '../../bootstrap/spec/cluster-spec.ts';
import { DEFAULT_API_SERVER_PORT, DEFAULT_BIN_DIR, DEFAULT_HAPROXY_PATH } from '../../bootstrap/spec/cluster-spec.ts';
import { clusterApiEndpoint } from '../../bootstrap/spec/api-endpoint.ts';
import { resolveVersion } from '../../bootstrap/versions/resolve-version.ts';
import type { KeyAlgorithm, PkiClusterSpec } from '../../certs/pki-cluster-spec.ts';
import type { Inventory, PkiConfig } from '../../inventory/inventory.ts';

const DAY_SECONDS = 24 * 60 * 60;

/** The daemons' view of the cluster, from the inventory. */
export function clusterSpecFor(inventory: Inventory): ClusterSpec {
  const { cluster } = inventory;
  return {
    name: cluster.name,
    version: resolveVersion(cluster.kubernetesVersion),
    controlPlanes: inventory.hosts.filter((host) => host.roles.includes('control-plane')).map((host) => ({ name: host.name, ip: host.internalAddress })),
    ...(cluster.controlPlaneEndpoint === undefined ? {} : { controlPlaneEndpoint: cluster.controlPlaneEndpoint }),
    apiServerPort: DEFAULT_API_SERVER_PORT,
    serviceSubnet: cluster.serviceSubnet,
    podSubnet: cluster.podSubnet,
    dnsDomain: cluster.dnsDomain,
    imageRepository: componentVersions(cluster.kubernetesVersion).imageRepository,
    binDir: DEFAULT_BIN_DIR,
    haproxyPath: DEFAULT_HAPROXY_PATH,
    features: { auditLog: false, encryptionAtRest: false, kubeletServerTlsBootstrap: false, allocateNodeCidrs: inventory.network.plugin === 'manifest' },
  };
}

/**
 * The PKI's view of the cluster. Control planes get a kubelet.conf issued by kit (they come up
 * before the API exists); workers join with TLS bootstrap, as kubeadm's nodes do.
 */
export function pkiSpecFor(inventory: Inventory): PkiClusterSpec {
  const cluster = clusterSpecFor(inventory);
  const node = (tlsBootstrap: boolean) => (host: Inventory['hosts'][number]) => ({ name: host.name, internalAddress: host.internalAddress, tlsBootstrap });
  const isControlPlane = (host: Inventory['hosts'][number]): boolean => host.roles.includes('control-plane');
  return {
    clusterName: 'kubernetes',
    kubernetesMinor: Number(cluster.version.minor.split('.')[1]),
    controlPlaneEndpoint: clusterApiEndpoint(cluster),
    serviceSubnet: inventory.cluster.serviceSubnet,
    dnsDomain: inventory.cluster.dnsDomain,
    extraSans: inventory.cluster.extraSans,
    controlPlanes: inventory.hosts.filter(isControlPlane).map(node(false)),
    workers: inventory.hosts.filter((host) => !isControlPlane(host)).map(node(true)),
    validity: { leafSeconds: inventory.pki.certificateValidityDays * DAY_SECONDS, caSeconds: inventory.pki.caValidityDays * DAY_SECONDS },
    keyAlgorithm: keyAlgorithmOf(inventory.pki),
  };
}

function keyAlgorithmOf(pki: PkiConfig): KeyAlgorithm {
  return pki.keyType === 'ecdsa' ? 'ecdsa-p256' : `rsa-${pki.keySize}`;
}
