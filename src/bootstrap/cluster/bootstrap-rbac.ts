import { BOOTSTRAP_TOKEN_GROUP } from './bootstrap-token.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const group = (name: string): Record<string, string> => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });
const clusterRole = (name: string): Record<string, string> => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name });

function clusterRoleBinding(name: string, role: string, subject: Record<string, string>): Record<string, unknown> {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: clusterRole(role), subjects: [subject] };
}

/** kubeadm moved admin.conf's group from system:masters to this bindable one in 1.29. */
export const CLUSTER_ADMINS_GROUP = 'kubeadm:cluster-admins';
export const CLUSTER_ADMINS_SINCE_MINOR = 29;

/**
 * What kubeadm init creates so nodes can join with a token (names kept, so kubeadm users find
 * them): bootstrap tokens may create CSRs, their node-client CSRs are approved automatically,
 * nodes may renew their own client certificates, joining nodes may read Nodes, and anyone may
 * read the signed cluster-info. Since 1.29 admin.conf's group needs its binding too.
 */
export function bootstrapRbacObjects(kubernetesMinor: number): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [
    clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', group(BOOTSTRAP_TOKEN_GROUP)),
    clusterRoleBinding('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', group(BOOTSTRAP_TOKEN_GROUP)),
    clusterRoleBinding('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', group('system:nodes')),
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'kubeadm:get-nodes' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] },
    clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', group(BOOTSTRAP_TOKEN_GROUP)),
    {
      apiVersion: RBAC, kind: 'Role', metadata: { name: 'kubeadm:bootstrap-signer-clusterinfo', namespace: 'kube-public' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['cluster-info'], verbs: ['get'] }],
    },
    {
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'kubeadm:bootstrap-signer-clusterinfo', namespace: 'kube-public' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kubeadm:bootstrap-signer-clusterinfo' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' }],
    },
  ];
  if (kubernetesMinor >= CLUSTER_ADMINS_SINCE_MINOR) objects.unshift(clusterRoleBinding(CLUSTER_ADMINS_GROUP, 'cluster-admin', group(CLUSTER_ADMINS_GROUP)));
  return objects;
}
