import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OS_PACKAGE_ARTIFACTS, osPackagePlan, packageManagerFor } from '../../../src/artifacts/os-packages.ts';

describe('os-packages', () => {
  it('picks the package manager from /etc/os-release', () => {
    assert.equal(packageManagerFor({ id: 'debian' }), 'apt');
    assert.equal(packageManagerFor({ id: 'linuxmint', idLike: 'ubuntu debian' }), 'apt');
    assert.equal(packageManagerFor({ id: 'rocky', idLike: 'rhel centos fedora' }), 'dnf');
    assert.equal(packageManagerFor({ id: 'alpine' }), undefined);
  });

  it('installs containerd and runc and knows where each distribution puts them', () => {
    const apt = osPackagePlan('apt');
    assert.deepEqual(apt.install.at(-1), ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'containerd', 'runc']);
    assert.equal(apt.binaries['runc'], '/usr/sbin/runc');
    const dnf = osPackagePlan('dnf');
    assert.deepEqual(dnf.install, [['dnf', 'install', '-y', 'containerd', 'runc']]);
    assert.deepEqual(dnf.check, ['rpm', '-q', '--quiet', 'containerd', 'runc']);
    for (const plan of [apt, dnf]) assert.deepEqual(Object.keys(plan.binaries).sort(), [...OS_PACKAGE_ARTIFACTS].sort());
  });
});
