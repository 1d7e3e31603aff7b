import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProbeResult, healthProbes, probePassed } from '../../../../src/bootstrap/health/health-probe.ts';
import { KUBECONFIGS, PKI } from '../../../../src/bootstrap/paths.ts';
import { controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const controlPlane = { cluster, node: controlPlaneNode(), hasKubectl: true };
const worker = { cluster, node: workerNode(), hasKubectl: false };

describe('health probes', () => {
  it('asks etcd for a quorum read over mutual TLS with the healthcheck client', () => {
    const [probe, ...rest] = healthProbes('etcd', controlPlane);
    assert.deepEqual(rest, []);
    assert.equal(probe?.kind, 'etcdctl');
    assert.deepEqual(probe?.argv.slice(0, 2), ['/usr/local/bin/etcdctl', '--endpoints=https://127.0.0.1:2379']);
    for (const flag of [`--cacert=${PKI.etcdCa}`, `--cert=${PKI.etcdHealthcheckClient}`, `--key=${PKI.etcdHealthcheckClientKey}`]) assert.ok(probe?.argv.includes(flag), flag);
    assert.deepEqual(probe?.argv.slice(-2), ['endpoint', 'health']);
  });

  it('checks the API server on the node address, /livez then /readyz, against the cluster CA', () => {
    const probes = healthProbes('kube-apiserver', controlPlane);
    assert.deepEqual(probes.map((probe) => probe.url), ['https://198.18.0.11:6443/livez', 'https://198.18.0.11:6443/readyz']);
    for (const probe of probes) {
      assert.equal(probe.kind, 'kubectl');
      assert.ok(probe.argv.includes(`--certificate-authority=${PKI.ca}`));
      assert.ok(probe.argv.includes(`--kubeconfig=${KUBECONFIGS.scheduler}`));
      assert.ok(probe.argv.includes('--server=https://198.18.0.11:6443'));
    }
    assert.equal(probes[1]?.argv.at(-1), '--raw=/readyz');
  });

  it('does not verify the self-signed certificates of the controller-manager and scheduler', () => {
    for (const [daemon, port] of [['kube-controller-manager', 10257], ['kube-scheduler', 10259]] as const) {
      const [probe] = healthProbes(daemon, controlPlane);
      assert.ok(probe?.argv.includes('--insecure-skip-tls-verify=true'));
      assert.ok(probe?.argv.includes(`--server=https://127.0.0.1:${port}`));
    }
  });

  it('speaks plain HTTP to the kubelet through bash, and only connects to the load balancer where kubectl is missing', () => {
    const [kubelet] = healthProbes('kubelet', worker);
    assert.equal(kubelet?.kind, 'http');
    assert.deepEqual(kubelet?.argv.slice(-3), ['127.0.0.1', '10248', '/healthz']);
    const [lb] = healthProbes('kube-apiserver-lb', worker);
    assert.equal(lb?.kind, 'tcp');
    assert.deepEqual(lb?.argv.slice(-2), ['127.0.0.1', '6443']);
    assert.equal(healthProbes('kube-apiserver-lb', controlPlane)[0]?.kind, 'kubectl');
  });

  it('uses the IPv6 loopback and bare addresses on an IPv6 node', () => {
    const node = controlPlaneNode({ ip: 'fd00::11' });
    assert.ok(healthProbes('etcd', { cluster, node, hasKubectl: true })[0]?.argv.includes('--endpoints=https://[::1]:2379'));
    assert.ok(healthProbes('kube-apiserver', { cluster, node, hasKubectl: true })[0]?.argv.includes('--server=https://[fd00::11]:6443'));
  });

  it('judges the answers', () => {
    const [http] = healthProbes('kubelet', worker);
    const [etcd] = healthProbes('etcd', controlPlane);
    const [api] = healthProbes('kube-apiserver', controlPlane);
    assert.ok(http !== undefined && etcd !== undefined && api !== undefined);
    assert.equal(probePassed(http, { stdout: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', stderr: '', exitCode: 0 }), true);
    assert.equal(probePassed(http, { stdout: 'HTTP/1.1 500 Internal Server Error\r\n\r\n[-]syncloop failed', stderr: '', exitCode: 0 }), false);
    assert.equal(probePassed(etcd, { stdout: '', stderr: 'https://127.0.0.1:2379 is healthy: successfully committed proposal: took = 2ms', exitCode: 0 }), true);
    assert.equal(probePassed(etcd, { stdout: '', stderr: 'https://127.0.0.1:2379 is unhealthy: failed to commit proposal', exitCode: 1 }), false);
    assert.equal(probePassed(api, { stdout: 'ok', stderr: '', exitCode: 0 }), true);
    assert.equal(probePassed(api, { stdout: '', stderr: 'Error from server (InternalError): [-]etcd failed', exitCode: 1 }), false);
    assert.match(describeProbeResult(http, { stdout: '', stderr: 'bash: connect: Connection refused', exitCode: 97 }), /nothing listens there/u);
  });
});
