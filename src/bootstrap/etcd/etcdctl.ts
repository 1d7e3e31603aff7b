import { formatEndpoint } from '../../inventory/endpoint.ts';
import { PKI } from '../paths.ts';
import { ETCD_CLIENT_PORT, ETCD_PEER_PORT } from '../render/etcd-unit.ts';

/**
 * Which client certificate etcdctl presents. etcd runs without its own RBAC, so any client of
 * the etcd CA may do anything; kit still uses the healthcheck certificate for reads and the
 * API server's for membership changes, as kubeadm does.
 */
export type EtcdClient = 'healthcheck' | 'apiserver';

export interface EtcdctlOptions {
  readonly binDir: string;
  readonly endpoints: readonly string[];
  readonly client: EtcdClient;
  readonly args: readonly string[];
  /** Per request; membership changes wait for a quorum. Default 15 s. */
  readonly commandTimeoutSeconds?: number;
}

export function etcdctlArgv(options: EtcdctlOptions): string[] {
  const [cert, key] = options.client === 'healthcheck'
    ? [PKI.etcdHealthcheckClient, PKI.etcdHealthcheckClientKey]
    : [PKI.apiServerEtcdClient, PKI.apiServerEtcdClientKey];
  return [
    `${options.binDir}/etcdctl`, `--endpoints=${options.endpoints.join(',')}`,
    `--cacert=${PKI.etcdCa}`, `--cert=${cert}`, `--key=${key}`,
    '--dial-timeout=5s', `--command-timeout=${options.commandTimeoutSeconds ?? 15}s`,
    ...options.args,
  ];
}

export function etcdPeerUrl(ip: string): string {
  return `https://${formatEndpoint({ host: ip, port: ETCD_PEER_PORT })}`;
}

export function etcdClientUrl(ip: string): string {
  return `https://${formatEndpoint({ host: ip, port: ETCD_CLIENT_PORT })}`;
}

/** The node's own member over loopback: what a member on that host can always reach. */
export function etcdLoopbackUrl(nodeIp: string): string {
  return etcdClientUrl(nodeIp.includes(':') ? '::1' : '127.0.0.1');
}
