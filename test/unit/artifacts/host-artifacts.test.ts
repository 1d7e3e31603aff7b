import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACT_CATALOG, bundlePath, catalogEntry } from '../../../src/artifacts/artifact-catalog.ts';
import { actionFor } from '../../../src/artifacts/deliver-artifacts.ts';
import { artifactsForHost, missingRequired, type DeliveryFile } from '../../../src/artifacts/host-artifacts.ts';
import { normalizeImageRef } from '../../../src/artifacts/image-ref.ts';
import { parseInspection } from '../../../src/artifacts/remote-files.ts';
import type { VerifiedBundle } from '../../../src/artifacts/verified-bundle.ts';

const SHA = 'c'.repeat(64);

function bundle(names: readonly string[], extra: VerifiedBundle['files'] = []): VerifiedBundle {
  const files = [
    ...names.map((name) => {
      const spec = catalogEntry(name);
      assert.ok(spec !== undefined, name);
      return { name, kind: spec.kind, path: bundlePath(spec), sha256: SHA, size: 1, mode: 0o700, localPath: `/b/${bundlePath(spec)}` };
    }),
    ...extra,
  ];
  const images = files.filter((file) => file.kind === 'image').map((file) => ({ ref: `example.org/${file.name}:1`, path: file.path, sha256: SHA, localPath: file.localPath, fileName: file.name }));
  return { dir: '/b', manifest: { kubernetesVersion: 'v1.20.2', arch: 'amd64', files, images }, files, images };
}

describe('the artifact catalog', () => {
  it('installs each file at its own absolute path', () => {
    const paths = ARTIFACT_CATALOG.map((spec) => spec.installPath);
    assert.equal(new Set(paths).size, paths.length);
    assert.ok(paths.every((installPath) => installPath.startsWith('/')));
    assert.equal(catalogEntry('runc')?.installPath, '/usr/local/sbin/runc');
    assert.equal(catalogEntry('bridge')?.installPath, '/opt/cni/bin/bridge');
    assert.equal(catalogEntry('pause')?.installPath, '/var/lib/kit/images/pause.tar');
  });
});

describe('artifactsForHost', () => {
  const all = ARTIFACT_CATALOG.map((spec) => spec.name);

  it('gives workers the node files only, at the catalog paths and modes', () => {
    const { files, images } = artifactsForHost(bundle(all), ['worker']);
    const names = files.map((file) => file.name);
    assert.ok(names.includes('kubelet') && names.includes('runc') && names.includes('loopback'));
    for (const controlPlaneOnly of ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'etcd', 'etcdctl', 'kubectl']) {
      assert.ok(!names.includes(controlPlaneOnly), controlPlaneOnly);
    }
    assert.deepEqual(files.find((file) => file.name === 'kubelet'), { name: 'kubelet', kind: 'binary', localPath: '/b/bin/kubelet', sha256: SHA, size: 1, remotePath: '/usr/local/bin/kubelet', mode: 0o755 });
    assert.deepEqual(images.map((image) => image.remotePath).sort(), ['/var/lib/kit/images/coredns.tar', '/var/lib/kit/images/pause.tar']);
  });

  it('gives a control plane everything, less what another source provides', () => {
    const { files } = artifactsForHost(bundle(all), ['control-plane'], { exclude: ['containerd', 'runc'] });
    assert.equal(files.length, all.length - 2);
  });

  it('delivers extra images to every node and ignores binaries kit does not know', () => {
    const extra = [
      { name: 'busybox', kind: 'image' as const, path: 'images/busybox.tar', sha256: SHA, size: 1, mode: 0o600, localPath: '/b/images/busybox.tar' },
      { name: 'helm', kind: 'binary' as const, path: 'bin/helm', sha256: SHA, size: 1, mode: 0o755, localPath: '/b/bin/helm' },
    ];
    const selected = artifactsForHost(bundle(['pause'], extra), ['worker']);
    assert.deepEqual(selected.files.map((file) => [file.name, file.remotePath, file.mode]), [
      ['pause', '/var/lib/kit/images/pause.tar', 0o644], ['busybox', '/var/lib/kit/images/busybox.tar', 0o644],
    ]);
    assert.deepEqual(selected.images.map((image) => image.ref), ['example.org/pause:1', 'example.org/busybox:1']);
    assert.deepEqual(selected.ignored, ['helm']);
  });

  it('lists the required files a bundle lacks, and not the optional ones', () => {
    assert.deepEqual(missingRequired(bundle(all.filter((name) => !['crictl', 'coredns', 'kubelet'].includes(name)))).map((spec) => spec.name), ['kubelet']);
  });
});

describe('delivery decisions', () => {
  const file: DeliveryFile = { name: 'kubelet', kind: 'binary', localPath: '/b/kubelet', remotePath: '/usr/local/bin/kubelet', mode: 0o755, sha256: SHA, size: 5 };

  it('reads the one-round-trip inspection', () => {
    const states = parseInspection(`0 present 5 755 root:root ${SHA}\n1 missing\n2 present 9 644 root:root -\n`, 3);
    assert.deepEqual(states, [
      { present: true, size: 5, mode: 0o755, owner: 'root:root', sha256: SHA },
      { present: false },
      { present: true, size: 9, mode: 0o644, owner: 'root:root', sha256: undefined },
    ]);
  });

  it('sends missing or different files, retouches wrong metadata, leaves the rest', () => {
    assert.equal(actionFor(file, { present: false }), 'send');
    assert.equal(actionFor(file, { present: true, size: 9, mode: 0o755, owner: 'root:root', sha256: undefined }), 'send');
    assert.equal(actionFor(file, { present: true, size: 5, mode: 0o755, owner: 'root:root', sha256: 'd'.repeat(64) }), 'send');
    assert.equal(actionFor(file, { present: true, size: 5, mode: 0o700, owner: 'root:root', sha256: SHA }), 'retouch');
    assert.equal(actionFor(file, { present: true, size: 5, mode: 0o755, owner: 'kit:kit', sha256: SHA }), 'retouch');
    assert.equal(actionFor(file, { present: true, size: 5, mode: 0o755, owner: 'root:root', sha256: SHA }), 'none');
  });
});

describe('normalizeImageRef', () => {
  it('names images as containerd lists them', () => {
    assert.equal(normalizeImageRef('busybox'), 'docker.io/library/busybox:latest');
    assert.equal(normalizeImageRef('kit/x:1'), 'docker.io/kit/x:1');
    assert.equal(normalizeImageRef('localhost/kit/busybox:test'), 'localhost/kit/busybox:test');
    assert.equal(normalizeImageRef('registry.k8s.io/pause:3.10'), 'registry.k8s.io/pause:3.10');
    assert.equal(normalizeImageRef('127.0.0.1:5000/a/b'), '127.0.0.1:5000/a/b:latest');
  });
});
