import { formatEndpoint } from '../../inventory/endpoint.ts';
import { PKI, STATE_DIRS } from '../paths.ts';
import type { ControlPlaneMember, RenderContext } from '../spec/cluster-spec.ts';
import type { Flag } from '../versions/version-table.ts';
import { renderDaemonUnit } from './daemon-unit.ts';

export const ETCD_CLIENT_PORT = 2379;
export const ETCD_PEER_PORT = 2380;
/** Plain-HTTP metrics and health on loopback, as kubeadm (kept off the mTLS client port). */
export const ETCD_METRICS_PORT = 2381;

export interface EtcdUnitOptions extends RenderContext {
  /**
   * `new` forms a cluster from `initialMembers` (all start together, or one alone at `init`);
   * `existing` joins a running cluster after `etcdctl member add` announced this node.
   */
  readonly initialClusterState: 'new' | 'existing';
  /** The members `--initial-cluster` names, this node included. Default: every control plane. */
  readonly initialMembers?: readonly ControlPlaneMember[];
  /** Same on every member of one cluster, different between clusters. Default `kit-<cluster name>`. */
  readonly initialClusterToken?: string;
}

/**
 * etcd stacked on a control plane: mTLS for clients and peers with the etcd CA, clients on
 * the node address and loopback (the local API server uses loopback), metrics on loopback.
 * The `initial-*` flags only matter on the first start with an empty data dir.
 */
export function renderEtcdUnit(options: EtcdUnitOptions): string {
  const { cluster } = options;
  return renderDaemonUnit({
    daemon: 'etcd',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    description: 'etcd, the Kubernetes key-value store',
    after: ['network-online.target'],
    wants: ['network-online.target'],
    type: 'notify',
    flags: [...etcdFlags(options), ...cluster.version.traits.etcdExtraFlags],
    restartSec: 5,
    // A new multi-member cluster reports ready only once a quorum has started.
    serviceExtras: ['TimeoutStartSec=300'],
  });
}

function etcdFlags(options: EtcdUnitOptions): Flag[] {
  const { cluster, node } = options;
  const members = options.initialMembers ?? cluster.controlPlanes;
  if (!members.some((member) => member.name === node.name)) {
    throw new RangeError(`etcd on ${node.name}: --initial-cluster must list the node itself`);
  }
  // Loopback of the node's address family, as kubeadm.
  const loopback = node.ip.includes(':') ? '::1' : '127.0.0.1';
  const clientUrl = url(node.ip, ETCD_CLIENT_PORT);
  const peerUrl = url(node.ip, ETCD_PEER_PORT);
  return [
    ['name', node.name],
    ['data-dir', STATE_DIRS.etcdData],
    ['listen-client-urls', `${url(loopback, ETCD_CLIENT_PORT)},${clientUrl}`],
    ['advertise-client-urls', clientUrl],
    ['listen-peer-urls', peerUrl],
    ['initial-advertise-peer-urls', peerUrl],
    ['initial-cluster', members.map((member) => `${member.name}=${url(member.ip, ETCD_PEER_PORT)}`).join(',')],
    ['initial-cluster-state', options.initialClusterState],
    ['initial-cluster-token', options.initialClusterToken ?? `kit-${cluster.name}`],
    ['cert-file', PKI.etcdServer],
    ['key-file', PKI.etcdServerKey],
    ['trusted-ca-file', PKI.etcdCa],
    ['client-cert-auth', 'true'],
    ['peer-cert-file', PKI.etcdPeer],
    ['peer-key-file', PKI.etcdPeerKey],
    ['peer-trusted-ca-file', PKI.etcdCa],
    ['peer-client-cert-auth', 'true'],
    ['snapshot-count', '10000'],
    // The API server compacts every 5 minutes; this is the backstop if it cannot.
    ['auto-compaction-mode', 'periodic'],
    ['auto-compaction-retention', '8h'],
    ['listen-metrics-urls', `http://${formatEndpoint({ host: loopback, port: ETCD_METRICS_PORT })}`],
  ];
}

function url(host: string, port: number): string {
  return `https://${formatEndpoint({ host, port })}`;
}
