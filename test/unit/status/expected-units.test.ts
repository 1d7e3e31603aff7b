import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedUnits } from '../../../src/status/expected-units.ts';
import { testCluster } from '../bootstrap/fixtures.ts';

const names = (input: Parameters<typeof expectedUnits>[0]): string[] => expectedUnits(input).map((unit) => unit.name);

describe('expectedUnits', () => {
  it('gives a control plane of a single-control-plane cluster the runtime, the overlay and every daemon but the load balancer', () => {
    const cluster = testCluster('v1.20', { controlPlanes: [{ name: 'cp1', ip: '198.18.0.11' }] });
    assert.deepEqual(names({ cluster, controlPlane: true, overlay: true }),
      ['containerd', 'kit-overlay', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy']);
  });

  it('adds the node-local load balancer on every node when several control planes share no endpoint', () => {
    assert.deepEqual(names({ cluster: testCluster('v1.20'), controlPlane: false, overlay: true }), ['containerd', 'kit-overlay', 'kubelet', 'kube-proxy', 'kube-apiserver-lb']);
    const external = testCluster('v1.20', { controlPlaneEndpoint: { host: 'api.example.test', port: 6443 } });
    assert.deepEqual(names({ cluster: external, controlPlane: false, overlay: false }), ['containerd', 'kubelet', 'kube-proxy']);
  });

  it('marks the units whose health bootstrap can probe', () => {
    const units = expectedUnits({ cluster: testCluster('v1.20'), controlPlane: true, overlay: true });
    assert.deepEqual(units.filter((unit) => unit.daemon === undefined).map((unit) => unit.name), ['containerd', 'kit-overlay']);
  });
});
