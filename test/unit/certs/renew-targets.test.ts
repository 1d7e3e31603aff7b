import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/errors/usage-error.ts';
import { resolveRenewTargets } from '../../../src/certs/renew-targets.ts';
import { testSpec } from './pki-fixtures.ts';

const spec = testSpec();

function usageError(names: string[], specOverride = spec): UsageError {
  try {
    resolveRenewTargets(names, specOverride);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error;
  }
  assert.fail(`${names.join(' ')} was accepted`);
}

describe('resolveRenewTargets', () => {
  it('expands all to every signed instance of the cluster', () => {
    const ids = resolveRenewTargets(['all'], spec).map((target) => target.id);
    assert.ok(ids.includes('etcd-server@cp3') && ids.includes('admin.conf') && ids.includes('kubelet.conf@w1'));
    assert.ok(!ids.includes('kubelet.conf@w2'), 'w2 TLS-bootstraps: kit issues it no kubelet.conf');
    assert.ok(!ids.some((id) => id === 'ca' || id === 'sa' || id.startsWith('etcd-ca')));
  });

  it('expands a row name to every node\'s instance and NAME@node to one', () => {
    assert.deepEqual(resolveRenewTargets(['etcd-server'], spec).map((target) => target.id), ['etcd-server@cp1', 'etcd-server@cp2', 'etcd-server@cp3']);
    assert.deepEqual(resolveRenewTargets(['etcd-peer@cp2', 'admin.conf'], spec).map((target) => target.id), ['etcd-peer@cp2', 'admin.conf']);
  });

  it('rejects an unknown name, listing the valid names generated from CERT_LIST', () => {
    const error = usageError(['etcd-servr']);
    assert.match(error.message, /etcd-servr: no such certificate/);
    assert.match(error.hint ?? '', /all, apiserver, apiserver-kubelet-client, front-proxy-client, etcd-server, etcd-peer/);
    assert.match(error.hint ?? '', /kubelet\.conf/);
  });

  it('reports every bad name at once and says why each is not renewable', () => {
    const error = usageError(['ca', 'sa', 'kubelet-client-current', 'nope', 'etcd-server@w1']);
    assert.match(error.message, /ca: a CA; kit never replaces a CA/);
    assert.match(error.message, /sa: the service-account key pair/);
    assert.match(error.message, /kubelet-client-current: the kubelet rotates/);
    assert.match(error.message, /nope: no such certificate/);
    assert.match(error.message, /etcd-server@w1: w1 holds no etcd-server/);
  });

  it('refuses super-admin.conf before Kubernetes 1.29 and an empty list', () => {
    assert.match(usageError(['super-admin.conf'], testSpec({ kubernetesMinor: 28 })).message, /not part of clusters of this Kubernetes minor/);
    assert.doesNotThrow(() => resolveRenewTargets(['super-admin.conf'], spec));
    assert.match(usageError([]).message, /name the certificates to renew/);
  });
});
