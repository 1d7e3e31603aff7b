import type { ExecResult } from '../../host/host.ts';
import type { DaemonName } from '../daemons.ts';
import { KUBECONFIGS, PKI } from '../paths.ts';
import type { ClusterSpec, NodeSpec } from '../spec/cluster-spec.ts';
import { HEALTH_ENDPOINTS, healthUrls } from './health-endpoints.ts';
import type { HealthEndpoint } from './health-endpoints.ts';

/**
 * How a probe runs on the node itself (through `Host`, so it works behind a bastion and from
 * where the daemons' loopback ports are reachable), using only what kit put there or every
 * Linux server has:
 * - `etcdctl`: `endpoint health` over mutual TLS (a quorum read, not just a listening port);
 * - `kubectl`: `get --raw` against the URL with the scheduler's kubeconfig (kubectl and that
 *   file are on every control plane; every identity may read the health paths), verified
 *   against the cluster CA where the daemon's certificate is the CA's. Without any identity
 *   kubectl 1.20 stops to prompt for a password, hence a real one;
 * - `http`: bash's /dev/tcp, a plain GET (kubelet and kube-proxy serve health over HTTP);
 * - `tcp`: bash's /dev/tcp, connect only — an HTTPS endpoint on a node without kubectl.
 */
export type ProbeKind = 'etcdctl' | 'kubectl' | 'http' | 'tcp';

export interface HealthProbe {
  readonly daemon: DaemonName;
  readonly url: string;
  readonly kind: ProbeKind;
  readonly argv: readonly string[];
  /** Text the output must contain besides a zero exit. */
  readonly expect?: string;
}

export interface ProbeContext {
  readonly cluster: ClusterSpec;
  readonly node: NodeSpec;
  /** `<binDir>/kubectl` exists on the node. */
  readonly hasKubectl: boolean;
}

/** Each request a probe sends may take this long; the wait loop decides how often to try. */
export const PROBE_REQUEST_SECONDS = 5;

export function healthProbes(daemon: DaemonName, context: ProbeContext): HealthProbe[] {
  const endpoint = HEALTH_ENDPOINTS[daemon];
  const urls = healthUrls(endpoint, { nodeIp: context.node.ip, apiServerPort: context.cluster.apiServerPort });
  if (daemon === 'etcd') return urls.slice(0, 1).map((url) => etcdProbe(url, context.cluster.binDir));
  return urls.map((url) => {
    if (endpoint.scheme === 'http') return httpProbe(daemon, url, endpoint);
    if (context.hasKubectl) return kubectlProbe(daemon, url, endpoint, context.cluster.binDir);
    return tcpProbe(daemon, url);
  });
}

function etcdProbe(url: string, binDir: string): HealthProbe {
  const { origin } = new URL(url);
  return {
    daemon: 'etcd', url, kind: 'etcdctl', expect: 'is healthy',
    argv: [
      `${binDir}/etcdctl`, `--endpoints=${origin}`, `--cacert=${PKI.etcdCa}`, `--cert=${PKI.etcdHealthcheckClient}`,
      `--key=${PKI.etcdHealthcheckClientKey}`, '--dial-timeout=3s', `--command-timeout=${PROBE_REQUEST_SECONDS}s`, 'endpoint', 'health',
    ],
  };
}

function kubectlProbe(daemon: DaemonName, url: string, endpoint: HealthEndpoint, binDir: string): HealthProbe {
  const { origin, pathname } = new URL(url);
  const verify = endpoint.tls?.caFile === undefined ? '--insecure-skip-tls-verify=true' : `--certificate-authority=${endpoint.tls.caFile}`;
  // --server and the TLS flags override the kubeconfig's; only its client certificate is used.
  const argv = [`${binDir}/kubectl`, `--kubeconfig=${KUBECONFIGS.scheduler}`, `--server=${origin}`, verify, `--request-timeout=${PROBE_REQUEST_SECONDS}s`, 'get', `--raw=${pathname}`];
  return { daemon, url, kind: 'kubectl', argv, ...expectOf(endpoint) };
}

const HTTP_GET = [
  'exec 3<>"/dev/tcp/$1/$2" || exit 97',
  'printf "GET %s HTTP/1.0\\r\\nHost: %s:%s\\r\\n\\r\\n" "$3" "$1" "$2" >&3',
  'cat <&3',
].join('\n');

function httpProbe(daemon: DaemonName, url: string, endpoint: HealthEndpoint): HealthProbe {
  const parsed = new URL(url);
  const argv = ['timeout', String(PROBE_REQUEST_SECONDS), 'bash', '-c', HTTP_GET, 'kit-probe', bare(parsed.hostname), portOf(parsed), parsed.pathname];
  return { daemon, url, kind: 'http', argv, ...expectOf(endpoint) };
}

function tcpProbe(daemon: DaemonName, url: string): HealthProbe {
  const parsed = new URL(url);
  const argv = ['timeout', String(PROBE_REQUEST_SECONDS), 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'kit-probe', bare(parsed.hostname), portOf(parsed)];
  return { daemon, url, kind: 'tcp', argv };
}

/** Whether a probe's output says healthy. */
export function probePassed(probe: HealthProbe, result: ExecResult): boolean {
  if (result.exitCode !== 0) return false;
  const output = `${result.stdout}\n${result.stderr}`;
  if (probe.kind === 'http') {
    const status = /^HTTP\/1\.[01] (\d{3})/u.exec(result.stdout)?.[1];
    const body = result.stdout.slice(result.stdout.indexOf('\r\n\r\n') + 4);
    return status === '200' && (probe.expect === undefined || body.includes(probe.expect));
  }
  // etcdctl 3.4 prints its verdict on stderr.
  return probe.expect === undefined || output.includes(probe.expect);
}

/** A short line saying what the probe saw, for errors. */
export function describeProbeResult(probe: HealthProbe, result: ExecResult): string {
  const output = `${result.stdout}\n${result.stderr}`.replace(/\s+/gu, ' ').trim().slice(0, 300);
  const exit = result.exitCode === 97 ? 'nothing listens there' : `exit ${result.exitCode}`;
  return `${probe.url} (${probe.kind}): ${exit}${output === '' ? '' : `: ${output}`}`;
}

function expectOf(endpoint: HealthEndpoint): { expect?: string } {
  return endpoint.bodyContains === undefined ? {} : { expect: endpoint.bodyContains };
}

function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/u, '$1');
}

function portOf(url: URL): string {
  return url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
}
