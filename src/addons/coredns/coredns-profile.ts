import type { SupportedMinor } from '../../bootstrap/versions/version-table.ts';

/** One RBAC rule of the `system:coredns` ClusterRole. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/**
 * What CoreDNS's objects look like for one Kubernetes minor, beyond the CoreDNS release
 * (src/bootstrap's version table) and its image name (the artifact catalog). Renderers read
 * a row; they never compare versions. Every object's apiVersion is v1 (apps/v1, rbac v1) on
 * every supported minor, so apiVersions are not in here.
 */
export interface CoreDnsProfile {
  readonly clusterRoleRules: readonly PolicyRule[];
  /** `forward . /etc/resolv.conf { max_concurrent N }`; absent: plain `forward`. */
  readonly forwardMaxConcurrent?: number;
  /** `cache 30 { disable success|denial <domain> }`: the kubernetes plugin answers those itself. */
  readonly cacheSkipsClusterDomain: boolean;
}

const CORE_WATCH: PolicyRule = { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] };

const MODERN: CoreDnsProfile = {
  // CoreDNS 1.8.1+ watches EndpointSlices instead of reading Nodes.
  clusterRoleRules: [CORE_WATCH, { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] }],
  forwardMaxConcurrent: 1000,
  cacheSkipsClusterDomain: true,
};

export const COREDNS_PROFILES: Readonly<Record<SupportedMinor, CoreDnsProfile>> = Object.freeze({
  '1.37': MODERN,
  '1.36': MODERN,
  '1.35': MODERN,
  // As kubeadm 1.20 wrote them for CoreDNS 1.7.0: Endpoints plus `get nodes`, a bare forward.
  '1.20': {
    clusterRoleRules: [CORE_WATCH, { apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
    cacheSkipsClusterDomain: false,
  },
});
