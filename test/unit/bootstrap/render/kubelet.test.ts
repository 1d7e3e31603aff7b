import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { KubeletLabelError } from '../../../../src/bootstrap/render/kubelet-label-error.ts';
import { renderKubeletConfig } from '../../../../src/bootstrap/render/kubelet-config.ts';
import { renderKubeletUnit } from '../../../../src/bootstrap/render/kubelet-unit.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';
import { execStartFlags, parseUnit, unitValue } from '../parse-unit.ts';

const flagsOf = (text: string) => execStartFlags(parseUnit(text));
const configOf = (text: string) => parse(text) as Record<string, unknown>;

describe('kubelet on 1.20', () => {
  const context = { cluster: testCluster('v1.20'), node: controlPlaneNode({ cgroupVersion: 1, cgroupDriver: 'cgroupfs' }) };
  const flags = flagsOf(renderKubeletUnit(context));
  const config = configOf(renderKubeletConfig(context));

  it('names the remote runtime, its socket, the pause image and the taints as flags', () => {
    assert.deepEqual(flags.get('container-runtime'), ['remote']);
    assert.deepEqual(flags.get('container-runtime-endpoint'), ['unix:///run/containerd/containerd.sock']);
    assert.deepEqual(flags.get('pod-infra-container-image'), ['registry.k8s.io/pause:3.2']);
    assert.deepEqual(flags.get('register-with-taints'), ['node-role.kubernetes.io/control-plane:NoSchedule']);
  });

  it('keeps fields 1.20 does not know out of its config', () => {
    assert.equal(config['apiVersion'], 'kubelet.config.k8s.io/v1beta1');
    assert.equal(config['kind'], 'KubeletConfiguration');
    for (const field of ['containerRuntimeEndpoint', 'registerWithTaints', 'failCgroupV1']) assert.ok(!(field in config), field);
    assert.equal(config['cgroupDriver'], 'cgroupfs');
  });
});

for (const version of ['v1.35', 'v1.36', 'v1.37']) {
  describe(`kubelet on ${version}`, () => {
    const cluster = testCluster(version);

    it('moves the runtime endpoint and taints into the config and passes none of the removed flags', () => {
      const context = { cluster, node: controlPlaneNode() };
      const flags = flagsOf(renderKubeletUnit(context));
      for (const flag of ['container-runtime', 'container-runtime-endpoint', 'pod-infra-container-image', 'register-with-taints', 'network-plugin']) {
        assert.ok(!flags.has(flag), flag);
      }
      const config = configOf(renderKubeletConfig(context));
      assert.equal(config['containerRuntimeEndpoint'], 'unix:///run/containerd/containerd.sock');
      assert.deepEqual(config['registerWithTaints'], [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    });

    it('lets the kubelet start on a cgroup v1 host only where one is', () => {
      assert.equal(configOf(renderKubeletConfig({ cluster, node: workerNode({ cgroupVersion: 1 }) }))['failCgroupV1'], false);
      assert.ok(!('failCgroupV1' in configOf(renderKubeletConfig({ cluster, node: workerNode({ cgroupVersion: 2 }) }))));
    });

    it('registers a worker without taints', () => {
      assert.ok(!('registerWithTaints' in configOf(renderKubeletConfig({ cluster, node: workerNode() }))));
    });
  });
}

describe('kubelet on every minor', () => {
  for (const version of ALL_VERSIONS) {
    it(`${version}: always names its address, name, kubeconfigs and config, and starts after containerd`, () => {
      const text = renderKubeletUnit({ cluster: testCluster(version), node: workerNode() });
      const flags = flagsOf(text);
      assert.deepEqual(flags.get('node-ip'), ['198.18.0.21']);
      assert.deepEqual(flags.get('hostname-override'), ['w1']);
      assert.deepEqual(flags.get('kubeconfig'), ['/etc/kubernetes/kubelet.conf']);
      assert.deepEqual(flags.get('bootstrap-kubeconfig'), ['/etc/kubernetes/bootstrap-kubelet.conf']);
      assert.deepEqual(flags.get('cert-dir'), ['/var/lib/kubelet/pki']);
      assert.deepEqual(flags.get('config'), ['/var/lib/kubelet/config.yaml']);
      const unit = parseUnit(text);
      assert.match(unitValue(unit, 'Unit', 'After') ?? '', /\bcontainerd\.service\b/u);
      assert.match(unitValue(unit, 'Unit', 'Wants') ?? '', /\bcontainerd\.service\b/u);
    });

    it(`${version}: serves its API to the API server only and rotates its certificate`, () => {
      const cluster = testCluster(version, { features: { auditLog: false, encryptionAtRest: false, kubeletServerTlsBootstrap: true } });
      const config = configOf(renderKubeletConfig({ cluster, node: workerNode() }));
      assert.deepEqual(config['authentication'], {
        anonymous: { enabled: false }, webhook: { enabled: true, cacheTTL: '0s' }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
      });
      assert.equal((config['authorization'] as { mode: string }).mode, 'Webhook');
      assert.equal(config['rotateCertificates'], true);
      assert.equal(config['serverTLSBootstrap'], true);
      assert.deepEqual(config['clusterDNS'], ['10.96.0.10']);
      assert.equal(config['clusterDomain'], 'cluster.local');
      assert.equal(config['healthzBindAddress'], '127.0.0.1');
    });
  }
});

describe('kubelet node labels', () => {
  const cluster = testCluster('v1.37');

  it('passes the user\'s and the allowed reserved labels, sorted', () => {
    const node = workerNode({ labels: { 'example.com/rack': 'r1', 'node.kubernetes.io/pool': 'a', 'topology.kubernetes.io/zone': 'z1' } });
    const flags = flagsOf(renderKubeletUnit({ cluster, node }));
    assert.deepEqual(flags.get('node-labels'), ['example.com/rack=r1,node.kubernetes.io/pool=a,topology.kubernetes.io/zone=z1']);
    assert.ok(!flagsOf(renderKubeletUnit({ cluster, node: workerNode() })).has('node-labels'));
  });

  for (const key of ['node-role.kubernetes.io/control-plane', 'kubernetes.io/role', 'foo.k8s.io/x']) {
    it(`refuses ${key}, which would stop the kubelet from starting`, () => {
      assert.throws(() => renderKubeletUnit({ cluster, node: workerNode({ labels: { [key]: '' } }) }), (error: unknown) => {
        assert.ok(error instanceof KubeletLabelError);
        assert.equal(error.code, 'INVENTORY_INVALID');
        assert.ok(error.message.includes(key) && error.message.startsWith('w1:'));
        return true;
      });
    });
  }
});
