import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manifestPodCidrs } from '../../../../src/addons/cni-manifest/manifest-pod-cidrs.ts';
import { podCidrWarnings } from '../../../../src/addons/cni-manifest/pod-cidr-warnings.ts';
import { parseManifestDocuments, type ManifestObject } from '../../../../src/inventory/kubernetes-manifest.ts';

function objects(text: string): readonly ManifestObject[] {
  const parsed = parseManifestDocuments(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.objects;
}

const FLANNEL = `apiVersion: v1
kind: ConfigMap
metadata: { name: kube-flannel-cfg, namespace: kube-flannel }
data:
  net-conf.json: |
    { "Network": "10.244.0.0/16", "Backend": { "Type": "vxlan" } }
`;
const CALICO = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: calico-node, namespace: kube-system }
spec:
  template:
    spec:
      containers:
        - name: calico-node
          env:
            - { name: CALICO_IPV4POOL_IPIP, value: Always }
            - { name: CALICO_IPV4POOL_CIDR, value: 192.168.0.0/16 }
`;
const OPERATOR = `apiVersion: operator.tigera.io/v1
kind: Installation
metadata: { name: default }
spec:
  calicoNetwork:
    ipPools: [{ cidr: 10.244.0.0/16, encapsulation: VXLAN }]
`;
const CILIUM = `apiVersion: v1
kind: ConfigMap
metadata: { name: cilium-config, namespace: kube-system }
data:
  cluster-pool-ipv4-cidr: "10.0.0.0/8"
  cluster-pool-ipv6-cidr: "fd00::/104"
`;

describe('manifestPodCidrs', () => {
  it("reads flannel's Network, Calico's env and Installation pools, and Cilium's cluster pools", () => {
    assert.deepEqual(manifestPodCidrs(objects(FLANNEL)), [{ cidr: '10.244.0.0/16', source: 'ConfigMap kube-flannel/kube-flannel-cfg net-conf.json Network' }]);
    assert.deepEqual(manifestPodCidrs(objects(CALICO)), [{ cidr: '192.168.0.0/16', source: 'DaemonSet kube-system/calico-node env CALICO_IPV4POOL_CIDR' }]);
    assert.deepEqual(manifestPodCidrs(objects(OPERATOR)), [{ cidr: '10.244.0.0/16', source: 'Installation default calicoNetwork.ipPools cidr' }]);
    assert.deepEqual(manifestPodCidrs(objects(CILIUM)).map((found) => found.cidr), ['10.0.0.0/8', 'fd00::/104']);
  });

  it('finds nothing in a manifest that does not say (Calico with its pool commented out)', () => {
    assert.deepEqual(manifestPodCidrs(objects(CALICO.replace('            - { name: CALICO_IPV4POOL_CIDR, value: 192.168.0.0/16 }\n', ''))), []);
    assert.deepEqual(manifestPodCidrs(objects(FLANNEL.replace('"Network": "10.244.0.0/16", ', ''))), []);
  });
});

describe('podCidrWarnings', () => {
  const all = manifestPodCidrs(objects([FLANNEL, CALICO, CILIUM].join('---\n')));

  it('warns once per range that differs from podSubnet, naming both', () => {
    const warnings = podCidrWarnings(all, '10.244.0.0/16');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /^warning: DaemonSet kube-system\/calico-node env CALICO_IPV4POOL_CIDR is 192\.168\.0\.0\/16 but cluster\.podSubnet is 10\.244\.0\.0\/16/u);
    assert.match(warnings[1] ?? '', /cluster-pool-ipv4-cidr is 10\.0\.0\.0\/8/u);
  });

  it('compares canonical forms and leaves the other IP family alone', () => {
    assert.deepEqual(podCidrWarnings([{ cidr: '10.244.0.0/16', source: 'x' }], '10.244.0.0/16'), []);
    assert.deepEqual(podCidrWarnings([{ cidr: 'fd00::/104', source: 'x' }], '10.244.0.0/16'), []);
    assert.match(podCidrWarnings([{ cidr: 'fd00:0::/56', source: 'x' }], 'fd00:1::/56')[0] ?? '', /x is fd00::\/56 but cluster\.podSubnet is fd00:1::\/56/u);
    assert.match(podCidrWarnings([{ cidr: 'ten-dot', source: 'x' }], '10.244.0.0/16')[0] ?? '', /not a CIDR/u);
  });
});
