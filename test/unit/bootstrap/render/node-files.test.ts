import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { isManagedByKit } from '../../../../src/bootstrap/render/managed-marker.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';

const FULL = { features: { auditLog: true, encryptionAtRest: true, kubeletServerTlsBootstrap: true } };
const KEYS = [{ name: 'k1', secret: Buffer.alloc(32, 9).toString('base64') }];

describe('renderNodeFiles', () => {
  for (const version of ALL_VERSIONS) {
    it(`${version}: a control plane gets the control-plane daemons, a worker only the node daemons`, () => {
      const cluster = testCluster(version, FULL);
      const control = renderNodeFiles({ cluster, node: controlPlaneNode(), encryptionKeys: KEYS });
      const worker = renderNodeFiles({ cluster, node: workerNode() });
      const daemons = (files: typeof control) => [...new Set(files.map((file) => file.daemon))].sort();
      assert.deepEqual(daemons(control), ['etcd', 'kube-apiserver', 'kube-apiserver-lb', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubelet']);
      assert.deepEqual(daemons(worker), ['kube-apiserver-lb', 'kube-proxy', 'kubelet']);
      assert.equal(control.length, 13);
      assert.equal(worker.length, 6);
    });

    it(`${version}: every file is marked as kit's, at an absolute path of its own`, () => {
      const files = renderNodeFiles({ cluster: testCluster(version, FULL), node: controlPlaneNode(), encryptionKeys: KEYS });
      for (const file of files) {
        assert.ok(isManagedByKit(file.content), file.path);
        assert.ok(file.path.startsWith('/'), file.path);
        assert.ok(file.content.endsWith('\n'), `${file.path} ends with a newline`);
      }
      assert.equal(new Set(files.map((file) => file.path)).size, files.length);
      const secretFiles = files.filter((file) => file.mode === 0o600).map((file) => file.path);
      assert.deepEqual(secretFiles, ['/etc/kubernetes/encryption-config.yaml']);
    });
  }

  it('is a pure function: the same input renders the same bytes', () => {
    const render = () => renderNodeFiles({ cluster: testCluster('v1.37', FULL), node: controlPlaneNode(), encryptionKeys: KEYS });
    assert.deepEqual(render(), render());
  });
});
