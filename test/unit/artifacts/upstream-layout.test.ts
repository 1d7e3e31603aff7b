import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACT_CATALOG, catalogEntry } from '../../../src/artifacts/artifact-catalog.ts';
import { componentVersions } from '../../../src/artifacts/component-versions.ts';
import { archFromUname, artifactSource, onMirror } from '../../../src/artifacts/upstream-layout.ts';

const v137 = componentVersions('v1.37');
const v120 = componentVersions('v1.20.2');

function source(name: string, versions = v137, options: { arch?: 'amd64' | 'arm64'; mirror?: string } = {}): { url: string; sumUrl: string; member: string | undefined } {
  const spec = catalogEntry(name);
  assert.ok(spec !== undefined, name);
  const found = artifactSource(spec, versions, { arch: options.arch ?? 'amd64', ...(options.mirror === undefined ? {} : { mirror: options.mirror }) });
  assert.ok(found !== undefined, `${name} has no source`);
  return { url: found.asset.url, sumUrl: found.asset.sumUrl, member: found.member };
}

describe('upstream download layout', () => {
  it('takes Kubernetes binaries from dl.k8s.io with a .sha256 beside each', () => {
    assert.deepEqual(source('kubelet', v137, { arch: 'arm64' }), {
      url: 'https://dl.k8s.io/release/v1.37.1/bin/linux/arm64/kubelet',
      sumUrl: 'https://dl.k8s.io/release/v1.37.1/bin/linux/arm64/kubelet.sha256',
      member: undefined,
    });
  });

  it('takes etcd from its release tarball with the release-wide SHA256SUMS', () => {
    assert.deepEqual(source('etcdctl'), {
      url: 'https://github.com/etcd-io/etcd/releases/download/v3.7.0/etcd-v3.7.0-linux-amd64.tar.gz',
      sumUrl: 'https://github.com/etcd-io/etcd/releases/download/v3.7.0/SHA256SUMS',
      member: 'etcd-v3.7.0-linux-amd64/etcdctl',
    });
  });

  it('takes containerd, runc, the CNI plugins and crictl from their release assets', () => {
    assert.deepEqual(source('containerd-shim-runc-v2', v120), {
      url: 'https://github.com/containerd/containerd/releases/download/v1.6.20/containerd-1.6.20-linux-amd64.tar.gz',
      sumUrl: 'https://github.com/containerd/containerd/releases/download/v1.6.20/containerd-1.6.20-linux-amd64.tar.gz.sha256sum',
      member: 'bin/containerd-shim-runc-v2',
    });
    assert.deepEqual(source('runc', v120), {
      url: 'https://github.com/opencontainers/runc/releases/download/v1.1.5/runc.amd64',
      sumUrl: 'https://github.com/opencontainers/runc/releases/download/v1.1.5/runc.sha256sum',
      member: undefined,
    });
    assert.equal(source('portmap', v120).url, 'https://github.com/containernetworking/plugins/releases/download/v1.1.1/cni-plugins-linux-amd64-v1.1.1.tgz');
    assert.equal(source('portmap', v120).member, 'portmap');
    assert.equal(source('crictl').url, 'https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.37.0/crictl-v1.37.0-linux-amd64.tar.gz');
  });

  it('maps every URL onto a mirror as <mirror>/<host>/<path>', () => {
    const mirror = 'http://127.0.0.1:8080/m/';
    assert.equal(source('kubectl', v120, { mirror }).url, 'http://127.0.0.1:8080/m/dl.k8s.io/release/v1.20.2/bin/linux/amd64/kubectl');
    assert.equal(source('etcd', v120, { mirror }).sumUrl, 'http://127.0.0.1:8080/m/github.com/etcd-io/etcd/releases/download/v3.4.23/SHA256SUMS');
    assert.equal(onMirror('http://m', 'https://github.com/a/b'), 'http://m/github.com/a/b');
  });

  it('gives images a source only on a mirror, named after the version table refs', () => {
    const pause = catalogEntry('pause');
    assert.ok(pause !== undefined);
    assert.equal(artifactSource(pause, v137, { arch: 'amd64' }), undefined);
    assert.equal(source('pause', v137, { mirror: 'http://m' }).url, 'http://m/kit-images/linux/amd64/registry.k8s.io_pause_3.10.2.tar');
    assert.equal(source('coredns', v120, { mirror: 'http://m' }).url, 'http://m/kit-images/linux/amd64/k8s.gcr.io_coredns_1.7.0.tar');
    assert.equal(source('coredns', v137, { mirror: 'http://m' }).url, 'http://m/kit-images/linux/amd64/registry.k8s.io_coredns_coredns_v1.14.6.tar');
  });

  it('has a source for every binary of every supported minor', () => {
    for (const version of ['v1.37', 'v1.36', 'v1.35', 'v1.20']) {
      const versions = componentVersions(version);
      for (const spec of ARTIFACT_CATALOG.filter((entry) => entry.kind !== 'image')) {
        const found = artifactSource(spec, versions, { arch: 'amd64' });
        assert.ok(found?.asset.url.startsWith('https://') === true, `${version} ${spec.name}`);
      }
    }
  });

  it('names architectures as Go does', () => {
    assert.equal(archFromUname('x86_64'), 'amd64');
    assert.equal(archFromUname('aarch64'), 'arm64');
    assert.equal(archFromUname('s390x'), undefined);
  });
});
