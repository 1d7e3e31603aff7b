import { MANAGED_BY_LABEL } from '../addon.ts';
import type { KubernetesObject } from '../manifest-yaml.ts';
import type { CoreDnsSpec } from './coredns-spec.ts';

export const COREDNS_NAMESPACE = 'kube-system';
export const COREDNS_ACCOUNT = 'coredns';
const ROLE = 'system:coredns';

/** CoreDNS's identity and what it may read: the ServiceAccount, ClusterRole and its binding. */
export function coreDnsRbac(spec: Pick<CoreDnsSpec, 'profile'>): KubernetesObject[] {
  const labels = { ...MANAGED_BY_LABEL };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: COREDNS_ACCOUNT, namespace: COREDNS_NAMESPACE, labels } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: ROLE, labels },
      rules: spec.profile.clusterRoleRules.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: ROLE, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ROLE },
      subjects: [{ kind: 'ServiceAccount', name: COREDNS_ACCOUNT, namespace: COREDNS_NAMESPACE }],
    },
  ];
}
