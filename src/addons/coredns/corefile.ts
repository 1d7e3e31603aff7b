import type { CoreDnsSpec } from './coredns-spec.ts';

/**
 * The Corefile kubeadm writes: the cluster domain and reverse zones from the Kubernetes API,
 * everything else forwarded to the node's resolvers, `loop` to stop forwarding cycles,
 * `reload` to pick up ConfigMap edits, health on :8080 and readiness on :8181.
 */
export function renderCorefile(spec: Pick<CoreDnsSpec, 'dnsDomain' | 'profile'>): string {
  const { dnsDomain, profile } = spec;
  const forward = profile.forwardMaxConcurrent === undefined ? ['forward . /etc/resolv.conf'] : ['forward . /etc/resolv.conf {', `   max_concurrent ${profile.forwardMaxConcurrent}`, '}'];
  const cache = profile.cacheSkipsClusterDomain ? ['cache 30 {', `   disable success ${dnsDomain}`, `   disable denial ${dnsDomain}`, '}'] : ['cache 30'];
  const body = [
    'errors',
    'health {',
    '   lameduck 5s',
    '}',
    'ready',
    `kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {`,
    '   pods insecure',
    '   fallthrough in-addr.arpa ip6.arpa',
    '   ttl 30',
    '}',
    'prometheus :9153',
    ...forward,
    ...cache,
    'loop',
    'reload',
    'loadbalance',
  ];
  return ['.:53 {', ...body.map((line) => `    ${line}`), '}', ''].join('\n');
}
