import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitName, unitPath } from '../../../../src/bootstrap/daemons.ts';
import { convergeNode } from '../../../../src/bootstrap/install/converge-node.ts';
import { isEmptyPlan, planNode } from '../../../../src/bootstrap/install/plan-node.ts';
import { CONFIG_FILES } from '../../../../src/bootstrap/paths.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { FakeNode } from '../fake-node.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const node = controlPlaneNode();
const files = renderNodeFiles({ cluster, node });

describe('planNode', () => {
  it('tells what convergeNode would do, and changes nothing itself', async () => {
    const host = new FakeNode('cp1', node.ip);
    const etcd = files.find((file) => file.path === unitPath('etcd')) ?? assert.fail();
    host.files.set(etcd.path, { content: etcd.content, mode: etcd.mode });
    host.unit(unitName('etcd')).enabled = true;
    host.start(unitName('etcd'));
    const fresh = await planNode(host, files);
    assert.equal(fresh.writes.length, files.length - 1);
    assert.deepEqual(fresh.start, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kube-apiserver-lb']);
    assert.deepEqual(fresh.changes, []);
    assert.equal(host.files.size, 1, 'planning wrote nothing');
    assert.ok(host.commands.every((argv) => argv[0] !== 'systemctl' || argv[1] === 'show'));

    await convergeNode({ cluster, node, host, files });
    assert.equal(isEmptyPlan(await planNode(host, files)), true);

    const changed = files.map((file) => (file.path === CONFIG_FILES.haproxyConfig ? { ...file, content: `${file.content}# more\n` } : file));
    const plan = await planNode(host, changed, { changedPaths: ['/etc/kubernetes/scheduler.conf'] });
    assert.deepEqual(plan.writes, [CONFIG_FILES.haproxyConfig]);
    assert.deepEqual(plan.changes.map((change) => `${change.daemon}:${change.action}`), ['kube-scheduler:restart', 'kube-apiserver-lb:reload']);
  });
});
