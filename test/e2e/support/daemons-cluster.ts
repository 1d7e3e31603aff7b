import { unitName, type DaemonName } from '../../../src/bootstrap/daemons.ts';
import type { EtcdMemberOutcome } from '../../../src/bootstrap/etcd/ensure-etcd-cluster.ts';
import type { ConvergeNodeOptions } from '../../../src/bootstrap/install/converge-node.ts';
import { readUnitStates, type UnitState } from '../../../src/bootstrap/install/unit-state.ts';
import { renderNodeFiles } from '../../../src/bootstrap/render/node-files.ts';
import { clusterApiEndpoint } from '../../../src/bootstrap/spec/api-endpoint.ts';
import { CONTROL_PLANE_TAINT, DEFAULT_CRI_SOCKET, type ClusterFeatures, type ClusterSpec, type NodeSpec } from '../../../src/bootstrap/spec/cluster-spec.ts';
import { resolveVersion } from '../../../src/bootstrap/versions/resolve-version.ts';
import type { PkiClusterSpec } from '../../../src/certs/pki-cluster-spec.ts';
import type { Host } from '../../../src/host/host.ts';

/** The control-plane daemons this test runs (the kubelet and kube-proxy need the runtime, tested elsewhere). */
export const CONTROL_PLANE_DAEMONS: readonly DaemonName[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-apiserver-lb'];
export const CONTROL_PLANE_UNITS = CONTROL_PLANE_DAEMONS.map(unitName);

export interface RigNode {
  readonly host: Host;
  readonly node: NodeSpec;
}

export function rigCluster(hosts: readonly Host[], features: Partial<ClusterFeatures> = {}): ClusterSpec {
  return {
    name: 'kubernetes',
    version: resolveVersion('v1.20.2'),
    controlPlanes: hosts.map((host) => ({ name: host.name, ip: host.address })),
    apiServerPort: 6443,
    serviceSubnet: '10.96.0.0/12',
    podSubnet: '10.244.0.0/16',
    dnsDomain: 'cluster.local',
    imageRepository: 'k8s.gcr.io',
    binDir: '/usr/local/bin',
    haproxyPath: '/usr/sbin/haproxy',
    features: { auditLog: false, encryptionAtRest: false, kubeletServerTlsBootstrap: false, ...features },
  };
}

export function rigNode(host: Host): NodeSpec {
  return {
    name: host.name, ip: host.address, roles: ['control-plane'], labels: {}, taints: [CONTROL_PLANE_TAINT],
    cgroupDriver: 'cgroupfs', cgroupVersion: 1, resolvConf: '/etc/resolv.conf', criSocket: DEFAULT_CRI_SOCKET,
  };
}

export function rigPkiSpec(cluster: ClusterSpec): PkiClusterSpec {
  return {
    clusterName: cluster.name, kubernetesMinor: 20, controlPlaneEndpoint: clusterApiEndpoint(cluster),
    apiServerBindPort: cluster.apiServerPort, serviceSubnet: cluster.serviceSubnet, dnsDomain: cluster.dnsDomain, extraSans: [],
    controlPlanes: cluster.controlPlanes.map((member) => ({ name: member.name, internalAddress: member.ip })), workers: [],
  };
}

/** What the flows will do: render every file of the node with the etcd start the etcd step chose. */
export function convergeInputs(cluster: ClusterSpec, nodes: readonly RigNode[], etcd: readonly EtcdMemberOutcome[]): ConvergeNodeOptions[] {
  return nodes.map(({ host, node }) => {
    const start = etcd.find((outcome) => outcome.node === node.name)?.start;
    const files = renderNodeFiles({ cluster, node, ...(start === undefined ? {} : { etcd: start }) })
      .filter((file) => CONTROL_PLANE_DAEMONS.includes(file.daemon));
    return { cluster, node, host, files };
  });
}

export type UnitIdentity = Pick<UnitState, 'mainPid' | 'invocationId' | 'activeEnterTimestamp' | 'activeState' | 'restarts'>;

/** Every unit's process identity on every host (`host/unit` keys): equal snapshots mean nothing was restarted. */
export async function unitSnapshot(hosts: readonly Host[]): Promise<Record<string, UnitIdentity>> {
  const snapshot: Record<string, UnitIdentity> = {};
  for (const host of hosts) {
    for (const [unit, state] of await readUnitStates(host, CONTROL_PLANE_UNITS)) {
      const { mainPid, invocationId, activeEnterTimestamp, activeState, restarts } = state;
      snapshot[`${host.name}/${unit}`] = { mainPid, invocationId, activeEnterTimestamp, activeState, restarts };
    }
  }
  return snapshot;
}
