import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BundleManifestError } from '../../../src/artifacts/artifact-errors.ts';
import { isBundlePath, parseBundleManifest, renderBundleManifest } from '../../../src/artifacts/bundle-manifest.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kubernetesVersion: 'v1.36.2',
    arch: 'amd64',
    files: [
      { name: 'kubelet', path: 'bin/kubelet', sha256: SHA_A, size: 10, mode: '0755', kind: 'binary' },
      { name: 'pause', path: 'images/pause.tar', sha256: SHA_B, size: 20, mode: 420, kind: 'image' },
    ],
    images: [{ ref: 'registry.k8s.io/pause:3.10.2', path: 'images/pause.tar', sha256: SHA_B }],
    ...overrides,
  };
}

function problemsOf(text: string): string[] {
  try {
    parseBundleManifest(text, 'bundle/manifest.json');
  } catch (error) {
    assert.ok(error instanceof BundleManifestError, String(error));
    assert.match(error.message, /bundle\/manifest\.json/);
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  assert.fail('the manifest was accepted');
}

describe('parseBundleManifest', () => {
  it('reads a valid manifest, modes as octal text or numbers', () => {
    const parsed = parseBundleManifest(JSON.stringify(manifest()), 'm.json');
    assert.equal(parsed.files[0]?.mode, 0o755);
    assert.equal(parsed.files[1]?.mode, 0o644);
    assert.equal(parsed.images[0]?.ref, 'registry.k8s.io/pause:3.10.2');
  });

  it('reports every shape problem at once with its JSON path', () => {
    const bad = manifest({
      kubernetesVersion: '1.36',
      arch: 'riscv',
      files: [{ name: 'Kubelet', path: '../etc/passwd', sha256: 'xyz', size: -1, mode: '0999', kind: 'script' }],
    });
    const problems = problemsOf(JSON.stringify(bad));
    for (const path of ['kubernetesVersion', 'arch', 'files[0].name', 'files[0].path', 'files[0].sha256', 'files[0].size', 'files[0].mode', 'files[0].kind']) {
      assert.ok(problems.some((problem) => problem.startsWith(`${path}:`)), `no problem for ${path} in ${problems.join(' | ')}`);
    }
  });

  it('refuses duplicate names and paths, and images without a matching image file', () => {
    const files = [
      { name: 'kubelet', path: 'bin/kubelet', sha256: SHA_A, size: 1, mode: '0755', kind: 'binary' },
      { name: 'kubelet', path: 'bin/kubelet', sha256: SHA_A, size: 1, mode: '0755', kind: 'binary' },
      { name: 'pause', path: 'images/pause.tar', sha256: SHA_B, size: 1, mode: '0644', kind: 'image' },
    ];
    const images = [
      { ref: 'a/b:1', path: 'bin/kubelet', sha256: SHA_A },
      { ref: 'a/c:1', path: 'images/pause.tar', sha256: SHA_A },
    ];
    const problems = problemsOf(JSON.stringify(manifest({ files, images })));
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]), ['files[1].name', 'files[1].path', 'images[0].path', 'images[1].sha256']);
  });

  it('says when the text is not JSON', () => {
    assert.match(problemsOf('{ "files": ')[0] ?? '', /not JSON/);
  });

  it('round-trips through renderBundleManifest with stable order', () => {
    const parsed = parseBundleManifest(JSON.stringify(manifest()), 'm.json');
    const text = renderBundleManifest(parsed);
    assert.deepEqual(parseBundleManifest(text, 'again.json'), parsed);
    assert.match(text, /"mode": "0755"/);
    assert.equal(text, renderBundleManifest({ ...parsed, files: [...parsed.files].reverse() }));
  });
});

describe('isBundlePath', () => {
  it('accepts relative paths inside the bundle only', () => {
    assert.equal(isBundlePath('bin/kubelet'), true);
    for (const bad of ['', '/bin/kubelet', '../x', 'bin/../../x', 'bin//x', './bin/x', 'bin\\x']) assert.equal(isBundlePath(bad), false, bad);
  });
});
