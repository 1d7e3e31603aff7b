import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DAEMONS } from '../../../../src/bootstrap/daemons.ts';
import { HEALTH_ENDPOINTS, healthUrls } from '../../../../src/bootstrap/health/health-endpoints.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';
import { execStartFlags, parseUnit } from '../parse-unit.ts';

const target = { nodeIp: '198.18.0.11', apiServerPort: 6443 };
const url = (daemon: keyof typeof HEALTH_ENDPOINTS) => healthUrls(HEALTH_ENDPOINTS[daemon], target);

describe('HEALTH_ENDPOINTS', () => {
  it('has an entry for every daemon', () => {
    assert.deepEqual(Object.keys(HEALTH_ENDPOINTS).sort(), [...DAEMONS].sort());
  });

  it('points at the ports and schemes the daemons are configured with', () => {
    assert.deepEqual(url('etcd'), ['https://127.0.0.1:2379/health']);
    assert.deepEqual(url('kube-apiserver'), ['https://198.18.0.11:6443/livez', 'https://198.18.0.11:6443/readyz']);
    assert.deepEqual(url('kube-controller-manager'), ['https://127.0.0.1:10257/healthz']);
    assert.deepEqual(url('kube-scheduler'), ['https://127.0.0.1:10259/healthz']);
    assert.deepEqual(url('kubelet'), ['http://127.0.0.1:10248/healthz']);
    assert.deepEqual(url('kube-proxy'), ['http://127.0.0.1:10256/healthz']);
    assert.deepEqual(url('kube-apiserver-lb'), ['https://127.0.0.1:6443/readyz']);
  });

  it('matches what the rendered files bind', () => {
    const files = new Map(renderNodeFiles({ cluster: testCluster('v1.37'), node: controlPlaneNode() }).map((file) => [file.path, file.content]));
    const etcd = execStartFlags(parseUnit(files.get('/etc/systemd/system/etcd.service') ?? ''));
    assert.ok(etcd.get('listen-client-urls')?.[0]?.split(',').includes('https://127.0.0.1:2379'));
    const kubelet = parse(files.get('/var/lib/kubelet/config.yaml') ?? '') as Record<string, unknown>;
    assert.equal(`http://${String(kubelet['healthzBindAddress'])}:${String(kubelet['healthzPort'])}/healthz`, url('kubelet')[0]);
    const proxy = parse(files.get('/var/lib/kube-proxy/config.yaml') ?? '') as Record<string, unknown>;
    assert.ok(String(proxy['healthzBindAddress']).endsWith(':10256'));
    for (const unit of ['kube-controller-manager', 'kube-scheduler']) {
      assert.deepEqual(execStartFlags(parseUnit(files.get(`/etc/systemd/system/${unit}.service`) ?? '')).get('bind-address'), ['127.0.0.1']);
    }
  });

  it('checks etcd with the health-check client certificate and the API server with the cluster CA', () => {
    assert.deepEqual(HEALTH_ENDPOINTS.etcd.tls, {
      caFile: '/etc/kubernetes/pki/etcd/ca.crt',
      clientCertFile: '/etc/kubernetes/pki/etcd/healthcheck-client.crt',
      clientKeyFile: '/etc/kubernetes/pki/etcd/healthcheck-client.key',
    });
    assert.equal(HEALTH_ENDPOINTS['kube-apiserver'].tls?.caFile, '/etc/kubernetes/pki/ca.crt');
  });

  it('brackets IPv6 addresses and uses etcd\'s IPv6 loopback on an IPv6 node', () => {
    const v6 = { nodeIp: 'fd00::11', apiServerPort: 443 };
    assert.deepEqual(healthUrls(HEALTH_ENDPOINTS['kube-apiserver'], v6), ['https://[fd00::11]:443/livez', 'https://[fd00::11]:443/readyz']);
    assert.deepEqual(healthUrls(HEALTH_ENDPOINTS.etcd, v6), ['https://[::1]:2379/health']);
    assert.deepEqual(healthUrls(HEALTH_ENDPOINTS.kubelet, v6), ['http://127.0.0.1:10248/healthz']);
  });
});
