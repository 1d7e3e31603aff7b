import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACT_CATALOG } from '../../../src/artifacts/artifact-catalog.ts';
import { renderNodeFiles } from '../../../src/bootstrap/render/node-files.ts';
import { CERT_LIST } from '../../../src/certs/cert-list.ts';
import { overlayFiles } from '../../../src/cni/overlay-files.ts';
import { ancestorDirs, kitFootprint, type Footprint } from '../../../src/reset/footprint.ts';
import { guardRemovals } from '../../../src/reset/guard-removals.ts';
import { footprintLines } from '../../../src/reset/record-input.ts';
import { controlPlaneNode, testCluster } from '../bootstrap/fixtures.ts';
import { stateFor } from '../cni/overlay-fixtures.ts';

const footprint = kitFootprint({ clusterMarker: '/etc/kit/cluster' });

/** Removed by reset: a footprint file, or anything inside an owned directory. */
function covered(fp: Footprint, path: string): boolean {
  return fp.files.includes(path) || fp.ownedDirs.some((dir) => path.startsWith(`${dir}/`));
}

describe('kit footprint', () => {
  it('covers every file the daemon renderers write, for a control plane with every feature and the local balancer', () => {
    const cluster = testCluster('v1.20', { features: { auditLog: true, encryptionAtRest: true, kubeletServerTlsBootstrap: true } });
    const files = renderNodeFiles({ cluster, node: controlPlaneNode(), encryptionKeys: [{ name: 'key1', secret: Buffer.alloc(32, 1).toString('base64') }] });
    assert.ok(files.length >= 10, `only ${files.length} files rendered`);
    for (const file of files) assert.ok(covered(footprint, file.path), `${file.path} is not in the footprint`);
  });

  it('covers every state path a rendered unit or config names under /run, /var and /etc', () => {
    const cluster = testCluster('v1.20', { features: { auditLog: true, encryptionAtRest: true, kubeletServerTlsBootstrap: true } });
    const files = renderNodeFiles({ cluster, node: controlPlaneNode(), encryptionKeys: [{ name: 'key1', secret: Buffer.alloc(32, 1).toString('base64') }] });
    const named = new Set(files.flatMap((file) => [...file.content.matchAll(/(?<![\w/.-])\/(?:run|var|etc)\/[\w./-]+/gu)].map((match) => match[0].replace(/[.,]$/u, ''))));
    const system = ['/etc/resolv.conf', '/run/systemd/resolve/resolv.conf', '/var/log'];
    for (const path of [...named].filter((candidate) => !system.includes(candidate))) {
      assert.ok(covered(footprint, path) || footprint.ownedDirs.includes(path), `${path} (named in a rendered file) is not in the footprint`);
    }
  });

  it('covers every overlay file, certificate, kubeconfig and installed artifact', () => {
    const paths = [
      ...overlayFiles(stateFor('node1'), '1.0.0').map((file) => file.path),
      ...CERT_LIST.flatMap((row) => (row.kind === 'keypair' ? [row.privateKeyPath, row.publicKeyPath] : row.kind === 'kubeconfig' ? [row.path] : [row.certPath, row.keyPath])),
      ...ARTIFACT_CATALOG.map((spec) => spec.installPath),
    ];
    for (const path of paths) assert.ok(covered(footprint, path), `${path} is not in the footprint`);
  });

  it('lists the units in stop order: kubelet and kube-proxy first, containerd and the overlay last', () => {
    assert.deepEqual(footprint.units.slice(0, 2), ['kubelet.service', 'kube-proxy.service']);
    assert.deepEqual(footprint.units.slice(-2), ['containerd.service', 'kit-overlay.service']);
    assert.ok(footprint.units.includes('etcd.service'));
  });

  it('keeps only outermost owned directories, and no owned directory is a system directory', () => {
    for (const dir of footprint.ownedDirs) {
      assert.ok(!footprint.ownedDirs.some((other) => other !== dir && dir.startsWith(`${other}/`)), `${dir} is inside another owned dir`);
      assert.ok(dir.split('/').length >= 3, `${dir} is too shallow to be kit's`);
    }
    assert.ok(footprint.ownedDirs.includes('/var/lib/kit'));
    assert.ok(!footprint.ownedDirs.includes('/var/lib/kit/images'));
  });

  it('names each directory above the footprint once, never inside an owned one, with the netns dir', () => {
    const dirs = ancestorDirs(footprint);
    assert.ok(dirs.includes('/opt/cni/bin') && dirs.includes('/opt/cni') && dirs.includes('/etc/cni/net.d') && dirs.includes('/run/netns'));
    assert.ok(!dirs.includes('/etc/kubernetes/pki'));
    assert.ok(!dirs.includes('/'));
    assert.equal(new Set(dirs).size, dirs.length);
  });

  it('feeds the host scripts one tagged line per item', () => {
    const lines = footprintLines(footprint).trim().split('\n');
    assert.ok(lines.includes('f /etc/kit/cluster'));
    assert.ok(lines.includes('d /etc/kubernetes'));
    assert.ok(lines.includes('u containerd.service'));
    assert.ok(lines.includes('s net.ipv4.ip_forward'));
    assert.ok(lines.includes('m br_netfilter'));
    assert.ok(lines.every((line) => /^[fdausm] \S+$/u.test(line)), lines.find((line) => !/^[fdausm] \S+$/u.test(line)));
  });
});

describe('guardRemovals', () => {
  it('passes footprint files, paths inside owned dirs and pod network namespaces', () => {
    const paths = ['/etc/kit/cluster', '/var/lib/kubelet/pods', '/etc/kubernetes', '/run/netns/cni-1234'];
    assert.deepEqual(guardRemovals(paths, footprint), paths);
  });

  it('refuses anything else, and relative or dotted paths', () => {
    for (const path of ['/', '/etc', '/usr/local/bin', '/var/lib/kubelet/../../lib', 'etc/kit/cluster', '/etc//kit/cluster', '/run/netns/other']) {
      assert.throws(() => guardRemovals([path], footprint), /not part of kit's footprint/u, path);
    }
  });
});
