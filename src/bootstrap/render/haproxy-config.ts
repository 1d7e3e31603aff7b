import { formatEndpoint } from '../../inventory/endpoint.ts';
import { PKI } from '../paths.ts';
import { LOCAL_LB_HOST } from '../spec/api-endpoint.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { MARKER_LINE } from './managed-marker.ts';

/**
 * The node-local API load balancer: TCP passthrough from 127.0.0.1:6443 to every API server,
 * each checked with `GET /readyz` over TLS verified against the cluster CA (the endpoint is
 * open to anonymous clients by the default RBAC). Timeouts are long because watches are.
 * Nothing is logged per connection: haproxy under systemd writes its warnings (a server going
 * down or up) to stderr, hence the journal, already; a `log stdout` target would repeat each. A refused
 * connection is retried on another server at once (`option redispatch 1`), so clients do not
 * see an API server that stopped during the seconds its health check needs to notice. A
 * server that is down (or changing state) is checked every 1–2 s instead of 5, so an API server
 * that comes back — a restart, the first start — serves again within seconds.
 */
export function renderHaproxyConfig(cluster: ClusterSpec): string {
  const servers = cluster.controlPlanes.map(
    (member) => `  server ${member.name} ${formatEndpoint({ host: member.ip, port: cluster.apiServerPort })}`,
  );
  return [
    MARKER_LINE,
    'global',
    '  maxconn 4000',
    '',
    'defaults',
    '  mode tcp',
    '  timeout connect 5s',
    '  retries 3',
    '  option redispatch 1',
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout check 5s',
    '',
    'frontend kube-apiserver',
    `  bind ${formatEndpoint({ host: LOCAL_LB_HOST, port: cluster.apiServerPort })}`,
    '  default_backend kube-apiservers',
    '',
    'backend kube-apiservers',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    `  default-server inter 5s fastinter 1s downinter 2s rise 2 fall 3 check check-ssl verify required ca-file ${PKI.ca}`,
    ...servers,
    '',
  ].join('\n');
}
