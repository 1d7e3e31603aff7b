import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CERT_LIST } from '../../../../src/certs/cert-list.ts';
import { KUBECONFIGS, PKI } from '../../../../src/bootstrap/paths.ts';
import { pauseImage } from '../../../../src/bootstrap/spec/images.ts';
import { clusterDnsIp } from '../../../../src/bootstrap/spec/service-ips.ts';
import { testCluster } from '../fixtures.ts';

describe('clusterDnsIp', () => {
  it('is the tenth address of the Service subnet, as kubeadm picks it', () => {
    assert.equal(clusterDnsIp('10.96.0.0/12'), '10.96.0.10');
    assert.equal(clusterDnsIp('172.20.0.0/16'), '172.20.0.10');
    assert.equal(clusterDnsIp('fd00:10:96::/112'), 'fd00:10:96::a');
  });

  it('refuses what is not a CIDR', () => {
    assert.throws(() => clusterDnsIp('10.96.0.0'), RangeError);
  });
});

describe('pauseImage', () => {
  it('joins the repository with the minor\'s pause tag', () => {
    assert.equal(pauseImage(testCluster('v1.20')), 'registry.k8s.io/pause:3.2');
    assert.equal(pauseImage(testCluster('v1.37', { imageRepository: 'mirror.example/k8s' })), 'mirror.example/k8s/pause:3.10.2');
  });
});

describe('paths the daemons read', () => {
  it('are the paths the certs module writes', () => {
    const written = new Set(CERT_LIST.flatMap((row) => Object.entries(row)
      .filter(([key, value]) => /path$/iu.test(key) && typeof value === 'string')
      .map(([, value]) => value as string)));
    for (const path of Object.values(PKI)) assert.ok(written.has(path), `${path} is not in CERT_LIST`);
    // bootstrap-kubelet.conf carries a bootstrap token, written by the join flow, not the PKI.
    const kubeconfigs = Object.entries(KUBECONFIGS).filter(([name]) => name !== 'bootstrapKubelet');
    for (const [, path] of kubeconfigs) assert.ok(written.has(path), `${path} is not in CERT_LIST`);
  });
});
