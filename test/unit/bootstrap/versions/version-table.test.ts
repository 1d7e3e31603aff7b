import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDaemonUnit } from '../../../../src/bootstrap/render/daemon-unit.ts';
import { RemovedFlagError } from '../../../../src/bootstrap/render/removed-flag-error.ts';
import { removedFlags } from '../../../../src/bootstrap/versions/flag-history.ts';
import { SUPPORTED_MINORS, VERSION_TABLE } from '../../../../src/bootstrap/versions/version-table.ts';

describe('VERSION_TABLE', () => {
  it('has one row per supported minor whose default patch belongs to it', () => {
    assert.deepEqual(Object.keys(VERSION_TABLE).sort(), [...SUPPORTED_MINORS].sort());
    for (const minor of SUPPORTED_MINORS) {
      const row = VERSION_TABLE[minor];
      assert.equal(row.minor, minor);
      assert.match(row.defaultPatch, new RegExp(`^v${minor.replace('.', '\\.')}\\.\\d+$`, 'u'));
    }
  });

  it('carries the component versions kubeadm pairs with each minor', () => {
    assert.deepEqual(VERSION_TABLE['1.20'].components, { etcd: '3.4.23', pause: '3.2', coreDns: '1.7.0' });
    assert.deepEqual(VERSION_TABLE['1.35'].components, { etcd: '3.6.6', pause: '3.10.1', coreDns: '1.13.1' });
    assert.deepEqual(VERSION_TABLE['1.36'].components, { etcd: '3.6.8', pause: '3.10.2', coreDns: '1.14.2' });
    assert.deepEqual(VERSION_TABLE['1.37'].components, { etcd: '3.7.0', pause: '3.10.2', coreDns: '1.14.6' });
  });

  it('gives etcd >= 3.6 the feature-gate spelling and 3.4 none of the 3.6 flags', () => {
    for (const minor of SUPPORTED_MINORS) {
      const row = VERSION_TABLE[minor];
      const names = row.etcdExtraFlags.map(([name]) => name);
      const [major = 0, etcdMinor = 0] = row.components.etcd.split('.').map(Number);
      if (major === 3 && etcdMinor >= 6) assert.deepEqual(names, ['feature-gates', 'watch-progress-notify-interval']);
      else assert.deepEqual(names, []);
      assert.ok(!names.some((name) => name.startsWith('experimental-')), `${minor}: etcd 3.7 removed experimental-* flags`);
    }
  });

  it('switches admin groups and super-admin.conf at 1.29', () => {
    assert.equal(VERSION_TABLE['1.20'].adminGroup, 'system:masters');
    assert.equal(VERSION_TABLE['1.20'].superAdminKubeconfig, false);
    for (const minor of ['1.35', '1.36', '1.37'] as const) {
      assert.equal(VERSION_TABLE[minor].adminGroup, 'kubeadm:cluster-admins');
      assert.equal(VERSION_TABLE[minor].superAdminKubeconfig, true);
    }
  });

  it('cannot be changed at run time', () => {
    assert.throws(() => {
      (VERSION_TABLE['1.37'].components as { etcd: string }).etcd = '9.9.9';
    }, TypeError);
  });
});

describe('flag history', () => {
  it('lists nothing removed for 1.20 and the dockershim, runtime and pause flags for 1.35', () => {
    assert.deepEqual(removedFlags('kubelet', '1.20'), []);
    const gone = removedFlags('kubelet', '1.35').map((row) => row.flag);
    for (const flag of ['network-plugin', 'container-runtime', 'pod-infra-container-image']) assert.ok(gone.includes(flag), flag);
  });

  it('makes the renderer refuse a removed flag instead of writing a unit that cannot start', () => {
    const unit = { daemon: 'kubelet', binDir: '/usr/local/bin', description: 'x', after: [], wants: [], type: 'simple', restartSec: 1 } as const;
    assert.equal(typeof renderDaemonUnit({ ...unit, minor: '1.20', flags: [['container-runtime', 'remote']] }), 'string');
    assert.throws(() => renderDaemonUnit({ ...unit, minor: '1.37', flags: [['container-runtime', 'remote']] }), (error: unknown) => {
      assert.ok(error instanceof RemovedFlagError);
      assert.equal(error.code, 'INTERNAL');
      assert.match(error.message, /--container-runtime .*1\.37.*removed in 1\.27/u);
      return true;
    });
  });
});
