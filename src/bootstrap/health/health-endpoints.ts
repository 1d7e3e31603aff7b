import type { DaemonName } from '../daemons.ts';
import { PKI } from '../paths.ts';
import { ETCD_CLIENT_PORT } from '../render/etcd-unit.ts';
import { KUBE_PROXY_HEALTHZ_PORT } from '../render/kube-proxy-config.ts';
import { KUBELET_HEALTHZ_PORT } from '../render/kubelet-config.ts';

export interface HealthTls {
  /** CA that signs the daemon's serving certificate; undefined: the daemon's self-signed one is not verifiable. */
  readonly caFile?: string;
  /** A client certificate the daemon demands (etcd checks every client). */
  readonly clientCertFile?: string;
  readonly clientKeyFile?: string;
}

export interface HealthEndpoint {
  readonly daemon: DaemonName;
  readonly scheme: 'http' | 'https';
  /**
   * Checked from the node itself: `loopback` is 127.0.0.1; `family-loopback` the loopback of the
   * node address's family (etcd on an IPv6 node listens on ::1); `node-ip` the node address.
   */
  readonly host: 'loopback' | 'family-loopback' | 'node-ip';
  /** `api-server`: the cluster's API server port (6443 unless changed). */
  readonly port: number | 'api-server';
  /** Every path must answer 200; `/livez` says "running", `/readyz` "serving". */
  readonly paths: readonly string[];
  /** Text the body must contain, when the status alone does not tell. */
  readonly bodyContains?: string;
  readonly tls?: HealthTls;
  /** How to check by hand, for docs and error hints. */
  readonly how: string;
}

/**
 * How kit tells each daemon is healthy; the waiters poll these from the node through `Host`.
 * Control-plane health endpoints are open to anonymous clients by default RBAC or by the
 * daemons' always-allowed paths, so only etcd needs a client certificate.
 */
export const HEALTH_ENDPOINTS: Readonly<Record<DaemonName, HealthEndpoint>> = Object.freeze({
  'etcd': {
    daemon: 'etcd', scheme: 'https', host: 'family-loopback', port: ETCD_CLIENT_PORT, paths: ['/health'], bodyContains: '"health":"true"',
    tls: { caFile: PKI.etcdCa, clientCertFile: PKI.etcdHealthcheckClient, clientKeyFile: PKI.etcdHealthcheckClientKey },
    how: `curl --cacert ${PKI.etcdCa} --cert ${PKI.etcdHealthcheckClient} --key ${PKI.etcdHealthcheckClientKey} https://127.0.0.1:2379/health`,
  },
  'kube-apiserver': {
    // Bound to the node address when the local load balancer holds 127.0.0.1:6443.
    daemon: 'kube-apiserver', scheme: 'https', host: 'node-ip', port: 'api-server', paths: ['/livez', '/readyz'], bodyContains: 'ok',
    tls: { caFile: PKI.ca },
    how: `curl --cacert ${PKI.ca} https://<node ip>:6443/readyz`,
  },
  'kube-controller-manager': {
    daemon: 'kube-controller-manager', scheme: 'https', host: 'loopback', port: 10257, paths: ['/healthz'], bodyContains: 'ok',
    tls: {},
    how: 'curl -k https://127.0.0.1:10257/healthz',
  },
  'kube-scheduler': {
    daemon: 'kube-scheduler', scheme: 'https', host: 'loopback', port: 10259, paths: ['/healthz'], bodyContains: 'ok',
    tls: {},
    how: 'curl -k https://127.0.0.1:10259/healthz',
  },
  'kubelet': {
    daemon: 'kubelet', scheme: 'http', host: 'loopback', port: KUBELET_HEALTHZ_PORT, paths: ['/healthz'], bodyContains: 'ok',
    how: 'curl http://127.0.0.1:10248/healthz',
  },
  'kube-proxy': {
    daemon: 'kube-proxy', scheme: 'http', host: 'loopback', port: KUBE_PROXY_HEALTHZ_PORT, paths: ['/healthz'],
    how: 'curl http://127.0.0.1:10256/healthz',
  },
  'kube-apiserver-lb': {
    // Healthy when it forwards to some ready API server; needs 127.0.0.1 in the API server certificate.
    daemon: 'kube-apiserver-lb', scheme: 'https', host: 'loopback', port: 'api-server', paths: ['/readyz'], bodyContains: 'ok',
    tls: { caFile: PKI.ca },
    how: `curl --cacert ${PKI.ca} https://127.0.0.1:6443/readyz`,
  },
} satisfies Record<DaemonName, HealthEndpoint>);

export interface HealthTarget {
  readonly nodeIp: string;
  readonly apiServerPort: number;
}

/** The URLs to poll for a daemon, from the node itself. */
export function healthUrls(endpoint: HealthEndpoint, target: HealthTarget): string[] {
  const v6 = target.nodeIp.includes(':');
  const hosts = {
    'loopback': '127.0.0.1',
    'family-loopback': v6 ? '[::1]' : '127.0.0.1',
    'node-ip': v6 ? `[${target.nodeIp}]` : target.nodeIp,
  } as const;
  const host = hosts[endpoint.host];
  const port = endpoint.port === 'api-server' ? target.apiServerPort : endpoint.port;
  return endpoint.paths.map((path) => `${endpoint.scheme}://${host}:${port}${path}`);
}
