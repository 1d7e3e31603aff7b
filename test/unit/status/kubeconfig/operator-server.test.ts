import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operatorServer } from '../../../../src/status/kubeconfig/operator-server.ts';
import { testCluster } from '../../bootstrap/fixtures.ts';

describe('operatorServer', () => {
  it('uses the controlPlaneEndpoint when the inventory has one', () => {
    const cluster = testCluster('v1.20', { controlPlaneEndpoint: { host: 'api.example.test', port: 8443 } });
    assert.equal(operatorServer(cluster, 'cp2').url, 'https://api.example.test:8443');
  });

  it('uses the only control plane\'s internal address', () => {
    const cluster = testCluster('v1.20', { controlPlanes: [{ name: 'cp1', ip: '198.18.0.11' }] });
    assert.equal(operatorServer(cluster, 'cp1').url, 'https://198.18.0.11:6443');
  });

  it('replaces the node-local load balancer with the control plane the file came from, and says there is no failover', () => {
    const chosen = operatorServer(testCluster('v1.20'), 'cp2');
    assert.equal(chosen.url, 'https://198.18.0.12:6443');
    assert.match(chosen.why, /does not fail over/u);
  });

  it('brackets IPv6 addresses', () => {
    const cluster = testCluster('v1.20', { controlPlanes: [{ name: 'cp1', ip: 'fd00::11' }] });
    assert.equal(operatorServer(cluster, 'cp1').url, 'https://[fd00::11]:6443');
  });
});
