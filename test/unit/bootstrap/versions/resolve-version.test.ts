import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../../../src/inventory/kubernetes-versions.ts';
import { resolveVersion } from '../../../../src/bootstrap/versions/resolve-version.ts';
import { UnsupportedVersionError } from '../../../../src/bootstrap/versions/unsupported-version-error.ts';
import { DEFAULT_VERSION, SUPPORTED_MINORS, VERSION_TABLE } from '../../../../src/bootstrap/versions/version-table.ts';

describe('resolveVersion', () => {
  it('turns a bare minor into kit\'s newest patch of it, with or without the v', () => {
    assert.equal(resolveVersion('v1.36').version, 'v1.36.5');
    assert.equal(resolveVersion('1.36').version, 'v1.36.5');
    assert.equal(resolveVersion('v1.37').version, 'v1.37.1');
    assert.equal(resolveVersion(' 1.20 ').version, 'v1.20.2');
  });

  it('keeps an explicit patch, even one newer than the table knows', () => {
    const resolved = resolveVersion('v1.36.2');
    assert.equal(resolved.version, 'v1.36.2');
    assert.equal(resolved.minor, '1.36');
    assert.equal(resolved.traits, VERSION_TABLE['1.36']);
    assert.equal(resolveVersion('1.35.17').version, 'v1.35.17');
  });

  for (const text of ['v1.34', 'v1.21.0', '1.38.0', 'v2.0', 'latest', 'v1.36.0-rc.1', '', 'v1']) {
    it(`refuses "${text}" with a typed error that lists what is supported`, () => {
      assert.throws(() => resolveVersion(text), (error: unknown) => {
        assert.ok(error instanceof UnsupportedVersionError);
        assert.equal(error.code, 'VERSION_UNSUPPORTED');
        assert.deepEqual(error.supported, ['v1.37', 'v1.36', 'v1.35', 'v1.20']);
        assert.match(error.message, new RegExp(`"${text.replaceAll('.', '\\.')}"`, 'u'));
        assert.match(error.hint ?? '', /v1\.37, v1\.36, v1\.35, v1\.20/u);
        assert.match(error.hint ?? '', /v1\.37\.1/u);
        return true;
      });
    });
  }
});

describe('supported versions', () => {
  it('are the three newest minors and 1.20, newest first, defaulting to 1.37', () => {
    assert.deepEqual([...SUPPORTED_MINORS], ['1.37', '1.36', '1.35', '1.20']);
    assert.equal(DEFAULT_VERSION, 'v1.37.1');
  });

  it('agree with the inventory\'s list of default patches', () => {
    const patches = SUPPORTED_MINORS.map((minor) => VERSION_TABLE[minor].defaultPatch);
    assert.deepEqual(patches, [...SUPPORTED_KUBERNETES_VERSIONS]);
  });
});
