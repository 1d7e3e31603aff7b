import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderControllerManagerUnit } from '../../../../src/bootstrap/render/controller-manager-unit.ts';
import { renderSchedulerConfig } from '../../../../src/bootstrap/render/scheduler-config.ts';
import { renderSchedulerUnit } from '../../../../src/bootstrap/render/scheduler-unit.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster } from '../fixtures.ts';
import { execStartFlags, parseUnit } from '../parse-unit.ts';

const SCHEDULER_API: Readonly<Record<string, string>> = {
  'v1.20': 'kubescheduler.config.k8s.io/v1beta1',
  'v1.35': 'kubescheduler.config.k8s.io/v1',
  'v1.36': 'kubescheduler.config.k8s.io/v1',
  'v1.37': 'kubescheduler.config.k8s.io/v1',
};

for (const version of ALL_VERSIONS) {
  const context = { cluster: testCluster(version), node: controlPlaneNode() };

  describe(`kube-controller-manager ${version}`, () => {
    const flags = execStartFlags(parseUnit(renderControllerManagerUnit(context)));

    it('signs with the cluster CA, runs the bootstrap-token controllers and elects a leader', () => {
      assert.deepEqual(flags.get('controllers'), ['*,bootstrapsigner,tokencleaner']);
      assert.deepEqual(flags.get('cluster-signing-cert-file'), ['/etc/kubernetes/pki/ca.crt']);
      assert.deepEqual(flags.get('cluster-signing-key-file'), ['/etc/kubernetes/pki/ca.key']);
      assert.deepEqual(flags.get('service-account-private-key-file'), ['/etc/kubernetes/pki/sa.key']);
      assert.deepEqual(flags.get('root-ca-file'), ['/etc/kubernetes/pki/ca.crt']);
      assert.deepEqual(flags.get('use-service-account-credentials'), ['true']);
      assert.deepEqual(flags.get('leader-elect'), ['true']);
      assert.deepEqual(flags.get('kubeconfig'), ['/etc/kubernetes/controller-manager.conf']);
      assert.deepEqual(flags.get('authentication-kubeconfig'), ['/etc/kubernetes/controller-manager.conf']);
      assert.deepEqual(flags.get('authorization-kubeconfig'), ['/etc/kubernetes/controller-manager.conf']);
      assert.deepEqual(flags.get('bind-address'), ['127.0.0.1']);
      assert.deepEqual(flags.get('cluster-name'), ['kubernetes']);
    });

    it('leaves pod subnets to kit\'s overlay', () => {
      assert.deepEqual(flags.get('allocate-node-cidrs'), ['false']);
      assert.ok(!flags.has('cluster-cidr'));
    });

    it('allocates a /24 per Node from the pod subnet for a third-party CNI (flannel reads spec.podCIDR)', () => {
      const cluster = testCluster(version);
      const allocating = execStartFlags(parseUnit(renderControllerManagerUnit({ ...context, cluster: { ...cluster, features: { ...cluster.features, allocateNodeCidrs: true } } })));
      assert.deepEqual(allocating.get('allocate-node-cidrs'), ['true']);
      assert.deepEqual(allocating.get('cluster-cidr'), [cluster.podSubnet]);
      assert.deepEqual(allocating.get('node-cidr-mask-size'), ['24']);
    });

    it(version === 'v1.20' ? 'switches off the insecure port 1.20 still opens' : 'passes no --port, which the binary no longer has', () => {
      assert.equal(flags.get('port')?.[0], version === 'v1.20' ? '0' : undefined);
    });
  });

  describe(`kube-scheduler ${version}`, () => {
    const flags = execStartFlags(parseUnit(renderSchedulerUnit(context)));

    it('reads its configuration file and serves health on loopback only', () => {
      assert.deepEqual(flags.get('config'), ['/etc/kubernetes/scheduler-config.yaml']);
      assert.deepEqual(flags.get('bind-address'), ['127.0.0.1']);
      assert.deepEqual(flags.get('authentication-kubeconfig'), ['/etc/kubernetes/scheduler.conf']);
      assert.ok(!flags.has('kubeconfig') && !flags.has('leader-elect'), 'those live in the config file');
      assert.equal(flags.get('port')?.[0], version === 'v1.20' ? '0' : undefined);
    });

    it(`writes KubeSchedulerConfiguration ${SCHEDULER_API[version]}`, () => {
      const config = parse(renderSchedulerConfig(context)) as Record<string, unknown>;
      assert.equal(config['apiVersion'], SCHEDULER_API[version]);
      assert.equal(config['kind'], 'KubeSchedulerConfiguration');
      assert.deepEqual(config['clientConnection'], { kubeconfig: '/etc/kubernetes/scheduler.conf' });
      assert.deepEqual(config['leaderElection'], { leaderElect: true });
    });
  });
}
