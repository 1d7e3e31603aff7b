import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AddonManifestError } from '../../../src/addons/addon-manifest-error.ts';
import { bundleImageRef } from '../../../src/addons/bundle-images.ts';
import { clusterAddons, type ClusterAddonsInput } from '../../../src/addons/cluster-addons.ts';
import type { HostArtifacts } from '../../../src/artifacts/host-artifacts.ts';

const BASE: ClusterAddonsInput = {
  network: { plugin: 'vxlan', vxlan: { vni: 1, port: 4789 } },
  kubernetesVersion: 'v1.20',
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  dnsDomain: 'cluster.local',
  coreDnsImage: 'k8s.gcr.io/coredns:1.7.0',
};

const FLANNEL_LIKE = `apiVersion: v1
kind: Namespace
metadata: { name: tiny-cni }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: tiny-cni-cfg, namespace: tiny-cni }
data:
  net-conf.json: '{"Network": "10.42.0.0/16"}'
`;

describe('clusterAddons', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-addons-'));
    await writeFile(join(dir, 'cni.yaml'), FLANNEL_LIKE);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders CoreDNS alone with the built-in overlay, and says nothing when the image is the expected one', async () => {
    const result = await clusterAddons(BASE);
    assert.deepEqual(result.addons.map((addon) => addon.title), ['CoreDNS 1.7.0']);
    assert.deepEqual(result.notes, []);
  });

  it('skips CoreDNS with a one-line reason when the bundle has no image, or nobody looked', async () => {
    const none = await clusterAddons({ ...BASE, coreDnsImage: 'none' });
    assert.deepEqual(none.addons, []);
    assert.deepEqual(none.notes, ['skipped CoreDNS: the bundle has no CoreDNS image (images/coredns.tar), so the cluster gets no DNS']);
    assert.match((await clusterAddons({ ...BASE, coreDnsImage: 'unknown' })).notes[0] ?? '', /^skipped CoreDNS: the artifacts phase did not run/u);
  });

  it("uses and names a bundle's CoreDNS image that differs from the catalog's", async () => {
    const result = await clusterAddons({ ...BASE, coreDnsImage: 'registry.example/coredns:1.7.1' });
    assert.match(result.addons[0]?.manifest ?? '', /image: registry\.example\/coredns:1\.7\.1\n/u);
    assert.match(result.notes[0] ?? '', /bundle's image registry\.example\/coredns:1\.7\.1 \(kit expected k8s\.gcr\.io\/coredns:1\.7\.0/u);
  });

  it('puts the CNI manifest first, unchanged, and warns about a pod range that is not podSubnet', async () => {
    const result = await clusterAddons({ ...BASE, network: { plugin: 'manifest', manifest: { kind: 'file', path: join(dir, 'cni.yaml') } } });
    assert.deepEqual(result.addons.map((addon) => addon.name), ['network', 'coredns']);
    assert.equal(result.addons[0]?.manifest, FLANNEL_LIKE);
    assert.equal(result.addons[0]?.title, 'CNI manifest cni.yaml');
    assert.deepEqual(result.addons[0]?.objects.map((object) => `${object.kind}/${object.name}`), ['Namespace/tiny-cni', 'ConfigMap/tiny-cni-cfg']);
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0] ?? '', /net-conf\.json Network is 10\.42\.0\.0\/16 but cluster\.podSubnet is 10\.244\.0\.0\/16/u);
  });

  it('fails with the path when the manifest vanished after the inventory was checked', async () => {
    const missing = join(dir, 'gone.yaml');
    await assert.rejects(clusterAddons({ ...BASE, network: { plugin: 'manifest', manifest: { kind: 'file', path: missing } } }), (error: unknown) => {
      assert.ok(error instanceof AddonManifestError);
      assert.equal(error.code, 'NETWORK_CONFIG_INVALID');
      assert.equal(error.message, `network.manifest ${missing}: no such file`);
      return true;
    });
  });
});

describe('bundleImageRef', () => {
  const host = (refs: Record<string, string>): HostArtifacts => ({ files: [], ignored: [], images: Object.entries(refs).map(([name, ref]) => ({ ref, remotePath: `/var/lib/kit/images/${name}.tar` })) });

  it("finds the coredns archive's reference on any host, and nothing in a bundle without it", () => {
    assert.equal(bundleImageRef(new Map([['w1', host({ pause: 'k8s.gcr.io/pause:3.2' })], ['cp1', host({ coredns: 'k8s.gcr.io/coredns:1.7.0' })]]), 'coredns'), 'k8s.gcr.io/coredns:1.7.0');
    assert.equal(bundleImageRef(new Map([['cp1', host({ pause: 'k8s.gcr.io/pause:3.2', busybox: 'localhost/kit/busybox:test' })]]), 'coredns'), undefined);
  });
});
