import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { coreDnsAddon } from '../../../../src/addons/coredns/coredns-addon.ts';
import { coreDnsSpecFor } from '../../../../src/addons/coredns/coredns-spec.ts';

/**
 * The whole CoreDNS manifest, byte for byte, for the oldest and the newest minor. After an
 * intended change: `KIT_UPDATE_GOLDENS=1 node --test test/unit/addons/coredns/coredns-golden.test.ts`.
 */
const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');
const UPDATE = process.env['KIT_UPDATE_GOLDENS'] === '1';

for (const version of ['v1.20', 'v1.37']) {
  describe(`CoreDNS manifest for ${version}`, () => {
    const addon = coreDnsAddon(coreDnsSpecFor({ kubernetesVersion: version, serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local' }));
    const file = join(GOLDEN_DIR, `coredns-${version}.yaml`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, addon.manifest);
    }

    it('matches the golden file (KIT_UPDATE_GOLDENS=1 regenerates)', () => {
      assert.equal(addon.manifest, readFileSync(file, 'utf8'));
    });

    it('lists exactly the objects the manifest holds, in its order', () => {
      const documents = parseAllDocuments(addon.manifest).map((document) => document.toJS() as { kind: string; metadata: { name: string; namespace?: string } });
      assert.deepEqual(
        documents.map((document) => `${document.kind} ${document.metadata.namespace ?? ''}/${document.metadata.name}`),
        addon.objects.map((object) => `${object.kind} ${object.namespace ?? ''}/${object.name}`),
      );
      assert.deepEqual(
        addon.objects.map((object) => object.kind),
        ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'Service'],
      );
    });
  });
}

describe('CoreDNS images per version', () => {
  it('uses the 1.20 name k8s.gcr.io/coredns:1.7.0 and coredns/coredns:vX later', () => {
    const old = coreDnsSpecFor({ kubernetesVersion: 'v1.20.2', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local' });
    const recent = coreDnsSpecFor({ kubernetesVersion: 'v1.37', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local' });
    assert.equal(old.image, 'k8s.gcr.io/coredns:1.7.0');
    assert.equal(recent.image, 'registry.k8s.io/coredns/coredns:v1.14.6');
    assert.match(coreDnsAddon(old).manifest, /image: k8s\.gcr\.io\/coredns:1\.7\.0\n/u);
  });

  it('takes the image the bundle carries when given one', () => {
    const spec = coreDnsSpecFor({ kubernetesVersion: 'v1.36', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local', image: 'registry.example/dns:v9' });
    assert.match(coreDnsAddon(spec).manifest, /image: registry\.example\/dns:v9\n/u);
  });
});
