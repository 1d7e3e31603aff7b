import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { kubeconfigPath } from '../../../../src/status/kubeconfig/kubeconfig-path.ts';

describe('kubeconfigPath', () => {
  it('prefers the given path, then the first $KUBECONFIG entry, then ~/.kube/config', () => {
    assert.equal(kubeconfigPath({ explicit: '~/clusters/lab.yaml', env: '/a:/b', home: '/home/u' }), '/home/u/clusters/lab.yaml');
    assert.equal(kubeconfigPath({ env: `${path.delimiter}/etc/k/one${path.delimiter}/etc/k/two`, home: '/home/u' }), '/etc/k/one');
    assert.equal(kubeconfigPath({ env: '', home: '/home/u' }), '/home/u/.kube/config');
    assert.equal(kubeconfigPath({ home: '/home/u' }), '/home/u/.kube/config');
  });
});
