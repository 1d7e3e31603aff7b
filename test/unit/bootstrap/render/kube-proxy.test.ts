import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderKubeProxyConfig } from '../../../../src/bootstrap/render/kube-proxy-config.ts';
import { renderKubeProxyUnit } from '../../../../src/bootstrap/render/kube-proxy-unit.ts';
import { ALL_VERSIONS, testCluster, workerNode } from '../fixtures.ts';
import { execStartFlags, parseUnit } from '../parse-unit.ts';

describe('kube-proxy', () => {
  for (const version of ALL_VERSIONS) {
    const context = { cluster: testCluster(version), node: workerNode() };

    it(`${version}: KubeProxyConfiguration v1alpha1 that leaves conntrack sizing alone`, () => {
      const config = parse(renderKubeProxyConfig(context)) as Record<string, unknown>;
      assert.equal(config['apiVersion'], 'kubeproxy.config.k8s.io/v1alpha1');
      assert.equal(config['kind'], 'KubeProxyConfiguration');
      assert.deepEqual(config['conntrack'], { maxPerCore: 0 });
      assert.equal(config['mode'], 'iptables');
      assert.equal(config['clusterCIDR'], '10.244.0.0/16');
      assert.equal(config['hostnameOverride'], 'w1');
      assert.deepEqual(config['clientConnection'], { kubeconfig: '/etc/kubernetes/kube-proxy.conf' });
      assert.equal(config['healthzBindAddress'], '0.0.0.0:10256');
    });

    it(`${version}: the unit only points at the config file`, () => {
      assert.deepEqual([...execStartFlags(parseUnit(renderKubeProxyUnit(context)))], [['config', ['/var/lib/kube-proxy/config.yaml']]]);
    });
  }
});
