import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

/**
 * Whole files, byte for byte, for the oldest and the newest minor: a change to any rendered
 * file shows up here as a diff to review. After an intended change, regenerate with
 * `KIT_UPDATE_GOLDENS=1 node --test test/unit/bootstrap/render/golden.test.ts` and commit.
 */
const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');
const UPDATE = process.env['KIT_UPDATE_GOLDENS'] === '1';
// A made-up key: goldens must never hold a real one.
const KEYS = [{ name: 'golden', secret: Buffer.alloc(32, 0x2a).toString('base64') }];

function renderedFiles(version: string): Map<string, string> {
  const cluster = testCluster(version, { features: { auditLog: true, encryptionAtRest: true, kubeletServerTlsBootstrap: true } });
  const node = controlPlaneNode({ labels: { 'example.com/rack': 'r1' }, cgroupVersion: 1 });
  const files = renderNodeFiles({ cluster, node, encryptionKeys: KEYS });
  return new Map(files.map((file) => [`${file.daemon}--${basename(file.path)}`, file.content]));
}

for (const version of ['v1.20', 'v1.37']) {
  describe(`golden files for ${version}`, () => {
    const dir = join(GOLDEN_DIR, version);
    const rendered = renderedFiles(version);
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [name, content] of rendered) writeFileSync(join(dir, name), content);
    }

    it('has a golden file for every rendered file and none left over', () => {
      assert.deepEqual(readdirSync(dir).sort(), [...rendered.keys()].sort());
    });

    for (const [name, content] of rendered) {
      it(`${name} matches (KIT_UPDATE_GOLDENS=1 regenerates)`, () => {
        assert.equal(content, readFileSync(join(dir, name), 'utf8'));
      });
    }
  });
}
