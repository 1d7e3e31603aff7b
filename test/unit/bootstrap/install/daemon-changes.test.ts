import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitPath } from '../../../../src/bootstrap/daemons.ts';
import { daemonChanges, filesNaming, sameIgnoring } from '../../../../src/bootstrap/install/daemon-changes.ts';
import { CONFIG_FILES, KUBECONFIGS, PKI } from '../../../../src/bootstrap/paths.ts';
import { renderNodeFiles, type RenderedFile } from '../../../../src/bootstrap/render/node-files.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const node = controlPlaneNode();
const files = renderNodeFiles({ cluster, node });
const fileAt = (path: string): RenderedFile => files.find((file) => file.path === path) ?? assert.fail(path);

describe('daemon changes', () => {
  it('restarts only the daemon whose unit or config changed', () => {
    const changes = daemonChanges({ files, changed: [{ file: fileAt(CONFIG_FILES.schedulerConfig) }, { file: fileAt(unitPath('kube-proxy')) }] });
    assert.deepEqual(changes, [
      { daemon: 'kube-scheduler', action: 'restart', because: [CONFIG_FILES.schedulerConfig] },
      { daemon: 'kube-proxy', action: 'restart', because: [unitPath('kube-proxy')] },
    ]);
  });

  it('reloads haproxy for a new config but restarts it for a new unit', () => {
    assert.deepEqual(daemonChanges({ files, changed: [{ file: fileAt(CONFIG_FILES.haproxyConfig) }] }).map((change) => change.action), ['reload']);
    const both = daemonChanges({ files, changed: [{ file: fileAt(CONFIG_FILES.haproxyConfig) }, { file: fileAt(unitPath('kube-apiserver-lb')) }] });
    assert.deepEqual(both.map((change) => [change.daemon, change.action]), [['kube-apiserver-lb', 'restart']]);
  });

  it('leaves etcd running when only its first-start flags changed', () => {
    const joined = renderNodeFiles({ cluster, node, etcd: { initialClusterState: 'existing', initialMembers: cluster.controlPlanes.slice(0, 1) } });
    const etcdUnit = (list: RenderedFile[]): RenderedFile => list.find((file) => file.path === unitPath('etcd')) ?? assert.fail('etcd unit');
    assert.deepEqual(daemonChanges({ files, changed: [{ file: etcdUnit(files), previous: etcdUnit(joined).content }] }), []);
    const otherFlag = etcdUnit(joined).content.replace('--snapshot-count=10000', '--snapshot-count=5000');
    assert.deepEqual(daemonChanges({ files, changed: [{ file: etcdUnit(files), previous: otherFlag }] }).map((change) => change.daemon), ['etcd']);
    assert.deepEqual(daemonChanges({ files, changed: [{ file: etcdUnit(files) }] }).map((change) => change.daemon), ['etcd'], 'no previous copy: restart');
  });

  it('restarts the daemons that name a changed certificate, kubeconfig or binary, in dependency order', () => {
    const names = (path: string): string[] => daemonChanges({ files, changed: [], changedPaths: [path] }).map((change) => `${change.daemon}:${change.action}`);
    assert.deepEqual(names(PKI.etcdServer), ['etcd:restart']);
    assert.deepEqual(names(PKI.etcdCa), ['etcd:restart', 'kube-apiserver:restart']);
    assert.deepEqual(names(PKI.ca), ['kube-apiserver:restart', 'kube-controller-manager:restart', 'kubelet:restart', 'kube-apiserver-lb:reload']);
    assert.deepEqual(names(KUBECONFIGS.scheduler), ['kube-scheduler:restart']);
    assert.deepEqual(names(KUBECONFIGS.kubeProxy), ['kube-proxy:restart']);
    assert.deepEqual(names(`${cluster.binDir}/kube-apiserver`), ['kube-apiserver:restart']);
    assert.deepEqual(names(`${cluster.binDir}/kubectl`), []);
  });

  it('leaves daemons started after the paths changed alone (they read the new files at start)', () => {
    const names = daemonChanges({ files, changed: [], changedPaths: [PKI.etcdCa, PKI.etcdServer], freshDaemons: ['etcd'] }).map((change) => change.daemon);
    assert.deepEqual(names, ['kube-apiserver']);
  });

  it('matches whole paths only', () => {
    assert.deepEqual(filesNaming('/etc/kubernetes/pki/ca', files), []);
    assert.deepEqual(filesNaming(`${cluster.binDir}/kube`, files), []);
  });

  it('compares units without the named flags, continuation backslashes aside', () => {
    const a = 'ExecStart=/bin/etcd \\\n  --initial-cluster=a=https://1.2.3.4:2380 \\\n  --name=a\n';
    const b = 'ExecStart=/bin/etcd \\\n  --initial-cluster=a=https://1.2.3.4:2380,b=https://1.2.3.5:2380 \\\n  --name=a\n';
    assert.equal(sameIgnoring(a, b, ['initial-cluster']), true);
    assert.equal(sameIgnoring(a, b.replace('--name=a', '--name=b'), ['initial-cluster']), false);
    assert.equal(sameIgnoring(a, b, ['initial-cluster-state']), false);
  });
});
