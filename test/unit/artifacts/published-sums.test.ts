import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPublishedSum } from '../../../src/artifacts/published-sums.ts';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

describe('findPublishedSum', () => {
  it('reads a bare hex (dl.k8s.io .sha256 files)', () => {
    assert.equal(findPublishedSum(`${A}\n`, 'kubelet'), A);
  });

  it('finds the named line in a list (etcd SHA256SUMS, runc.sha256sum)', () => {
    const text = `${A}  etcd-v3.6.8-linux-arm64.tar.gz\n${B}  etcd-v3.6.8-linux-amd64.tar.gz\n`;
    assert.equal(findPublishedSum(text, 'etcd-v3.6.8-linux-amd64.tar.gz'), B.toLowerCase());
  });

  it('accepts binary-mode markers and directories before the name', () => {
    assert.equal(findPublishedSum(`${A} *dist/runc.amd64`, 'runc.amd64'), A);
  });

  it('finds nothing for another asset, or among several bare sums', () => {
    assert.equal(findPublishedSum(`${A}  runc.arm64\n`, 'runc.amd64'), undefined);
    assert.equal(findPublishedSum(`${A}\n${B}\n`, 'x'), undefined);
    assert.equal(findPublishedSum('<html>not found</html>', 'x'), undefined);
  });
});
