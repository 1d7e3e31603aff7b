import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOOTSTRAP_TOKEN_GROUP } from '../../../../src/bootstrap/cluster/bootstrap-token.ts';
import { bootstrapRbacObjects } from '../../../../src/bootstrap/cluster/bootstrap-rbac.ts';
import { changingApplyLines } from '../../../../src/bootstrap/cluster/kubectl.ts';

interface Binding { kind: string; metadata: { name: string }; roleRef?: { name: string }; subjects?: { name: string }[] }

describe('the bootstrap RBAC kubeadm init creates', () => {
  const byName = (minor: number): Map<string, Binding> => new Map((bootstrapRbacObjects(minor) as unknown as Binding[]).map((object) => [`${object.kind}/${object.metadata.name}`, object]));

  it('lets the token group create and auto-approve node CSRs, nodes renew, joiners read nodes, anyone read cluster-info', () => {
    const objects = byName(20);
    const bound = (name: string): [string | undefined, string | undefined] => [objects.get(name)?.roleRef?.name, objects.get(name)?.subjects?.[0]?.name];
    assert.deepEqual(bound('ClusterRoleBinding/kubeadm:kubelet-bootstrap'), ['system:node-bootstrapper', BOOTSTRAP_TOKEN_GROUP]);
    assert.deepEqual(bound('ClusterRoleBinding/kubeadm:node-autoapprove-bootstrap'), ['system:certificates.k8s.io:certificatesigningrequests:nodeclient', BOOTSTRAP_TOKEN_GROUP]);
    assert.deepEqual(bound('ClusterRoleBinding/kubeadm:node-autoapprove-certificate-rotation'), ['system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', 'system:nodes']);
    assert.deepEqual(bound('ClusterRoleBinding/kubeadm:get-nodes'), ['kubeadm:get-nodes', BOOTSTRAP_TOKEN_GROUP]);
    assert.deepEqual(bound('RoleBinding/kubeadm:bootstrap-signer-clusterinfo'), ['kubeadm:bootstrap-signer-clusterinfo', 'system:anonymous']);
  });

  it('binds kubeadm:cluster-admins (admin.conf\'s group) from 1.29 on, and never before', () => {
    assert.equal(byName(28).has('ClusterRoleBinding/kubeadm:cluster-admins'), false);
    for (const minor of [29, 35, 37]) assert.equal(byName(minor).get('ClusterRoleBinding/kubeadm:cluster-admins')?.roleRef?.name, 'cluster-admin');
  });

  it('reads kubectl apply output: only created/configured lines are changes', () => {
    assert.deepEqual(changingApplyLines(['configmap/cluster-info unchanged', 'clusterrole.rbac.authorization.k8s.io/kubeadm:get-nodes created (server dry run)', 'role.x/y configured']),
      ['clusterrole.rbac.authorization.k8s.io/kubeadm:get-nodes created', 'role.x/y configured']);
  });
});
