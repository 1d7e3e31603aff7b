import type { ClusterSpec, NodeSpec } from '../../../src/bootstrap/spec/cluster-spec.ts';
import { CONTROL_PLANE_TAINT } from '../../../src/bootstrap/spec/cluster-spec.ts';
import { resolveVersion } from '../../../src/bootstrap/versions/resolve-version.ts';

/** Three control planes and addresses from the rig's range, as the flows would map an inventory. */
export function testCluster(version: string, overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    name: 'kubernetes',
    version: resolveVersion(version),
    controlPlanes: [
      { name: 'cp1', ip: '198.18.0.11' },
      { name: 'cp2', ip: '198.18.0.12' },
      { name: 'cp3', ip: '198.18.0.13' },
    ],
    apiServerPort: 6443,
    serviceSubnet: '10.96.0.0/12',
    podSubnet: '10.244.0.0/16',
    dnsDomain: 'cluster.local',
    imageRepository: 'registry.k8s.io',
    binDir: '/usr/local/bin',
    haproxyPath: '/usr/sbin/haproxy',
    features: { auditLog: false, encryptionAtRest: false, kubeletServerTlsBootstrap: false },
    ...overrides,
  };
}

export function controlPlaneNode(overrides: Partial<NodeSpec> = {}): NodeSpec {
  return {
    name: 'cp1',
    ip: '198.18.0.11',
    roles: ['control-plane'],
    labels: {},
    taints: [CONTROL_PLANE_TAINT],
    cgroupDriver: 'systemd',
    cgroupVersion: 2,
    resolvConf: '/etc/resolv.conf',
    criSocket: 'unix:///run/containerd/containerd.sock',
    ...overrides,
  };
}

export function workerNode(overrides: Partial<NodeSpec> = {}): NodeSpec {
  return controlPlaneNode({ name: 'w1', ip: '198.18.0.21', roles: ['worker'], taints: [], ...overrides });
}

/** One of each version kit supports, by the shape a user writes it. */
export const ALL_VERSIONS = ['v1.37', 'v1.36', 'v1.35', 'v1.20'] as const;

/** The ordinary etcd options of a fresh cluster, for tests that only need some etcd unit. */
export const NEW_CLUSTER = { initialClusterState: 'new' } as const;
