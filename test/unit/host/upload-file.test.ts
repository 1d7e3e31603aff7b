import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stderrTail } from '../../../src/host/ssh-host.ts';
import { ownerMatches, parseInspection } from '../../../src/host/upload-file.ts';

describe('parseInspection', () => {
  it('reads mode, owner and sha256 from stat + sha256sum output', () => {
    const sha = 'a'.repeat(64);
    assert.deepEqual(parseInspection(`600 root:root\n${sha}  /etc/kubernetes/pki/ca.key\n`), {
      mode: 0o600, owner: 'root:root', sha256: sha,
    });
    assert.equal(parseInspection(`4755 root:root\n${sha}  /x\n`)?.mode, 0o4755);
  });

  it('means "no file" for empty or unexpected output', () => {
    assert.equal(parseInspection(''), undefined);
    assert.equal(parseInspection('\n'), undefined);
    assert.equal(parseInspection('stat: cannot stat'), undefined);
  });
});

describe('ownerMatches', () => {
  it('compares user and group, or only the user when no group is asked for', () => {
    assert.ok(ownerMatches('root:root', 'root:root'));
    assert.ok(!ownerMatches('root:adm', 'root:root'));
    assert.ok(ownerMatches('etcd:adm', 'etcd'));
    assert.ok(!ownerMatches('root:etcd', 'etcd'));
  });
});

describe('stderrTail', () => {
  it('keeps only the last lines, without trailing blank lines', () => {
    const stderr = `${Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n')}\n\n`;
    const tail = stderrTail(stderr);
    assert.equal(tail.split('\n').length, 20);
    assert.ok(tail.startsWith('line 11\n'));
    assert.ok(tail.endsWith('line 30'));
    assert.equal(stderrTail('one\n', 5), 'one');
  });
});
