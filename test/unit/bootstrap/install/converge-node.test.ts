import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitName, unitPath } from '../../../../src/bootstrap/daemons.ts';
import { EtcdMembershipError } from '../../../../src/bootstrap/etcd/etcd-membership-error.ts';
import { convergeNode } from '../../../../src/bootstrap/install/converge-node.ts';
import { installDaemonFiles } from '../../../../src/bootstrap/install/install-daemon-files.ts';
import { enableAndStart } from '../../../../src/bootstrap/install/systemctl.ts';
import { CONFIG_FILES } from '../../../../src/bootstrap/paths.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { FakeNode } from '../fake-node.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const node = controlPlaneNode();
const files = renderNodeFiles({ cluster, node });

/** A control plane whose etcd ensureEtcdCluster already wrote and started. */
function joinedHost(): FakeNode {
  const host = new FakeNode('cp1', node.ip);
  const etcdUnit = files.find((file) => file.path === unitPath('etcd')) ?? assert.fail('etcd unit');
  host.files.set(etcdUnit.path, { content: etcdUnit.content, mode: etcdUnit.mode });
  host.unit(unitName('etcd')).enabled = true;
  host.start(unitName('etcd'));
  return host;
}

describe('installDaemonFiles', () => {
  it('writes every file once and reloads systemd only when a unit changed', async () => {
    const host = new FakeNode('cp1', node.ip);
    const first = await installDaemonFiles(host, files);
    assert.equal(first.changed.length, files.length);
    assert.equal(first.reloadedSystemd, true);
    assert.equal(host.ran('systemctl', 'daemon-reload').length, 1);
    const again = await installDaemonFiles(host, files);
    assert.deepEqual(again, { changed: [], reloadedSystemd: false });
    const config = files.map((file) => (file.path === CONFIG_FILES.kubeletConfig ? { ...file, content: `${file.content}# changed\n` } : file));
    const configOnly = await installDaemonFiles(host, config);
    assert.deepEqual(configOnly.changed.map((change) => change.file.path), [CONFIG_FILES.kubeletConfig]);
    assert.equal(configOnly.reloadedSystemd, false);
    assert.equal(host.ran('systemctl', 'daemon-reload').length, 1);
  });

  it('keeps the previous etcd unit, which decides whether etcd must restart', async () => {
    const host = new FakeNode('cp1', node.ip);
    await installDaemonFiles(host, files);
    const joined = renderNodeFiles({ cluster, node, etcd: { initialClusterState: 'existing' } });
    const result = await installDaemonFiles(host, joined);
    assert.deepEqual(result.changed.map((change) => [change.file.path, change.previous !== undefined]), [[unitPath('etcd'), true]]);
  });
});

describe('enableAndStart', () => {
  it('enables and starts only what is not enabled or running', async () => {
    const host = new FakeNode('cp1', node.ip);
    host.unit('a.service').enabled = true;
    host.start('a.service');
    host.unit('b.service').enabled = true;
    const result = await enableAndStart(host, ['a.service', 'b.service', 'c.service']);
    assert.deepEqual(result, { enabled: ['c.service'], started: ['b.service', 'c.service'] });
    assert.deepEqual(await enableAndStart(host, ['a.service', 'b.service', 'c.service']), { enabled: [], started: [] });
  });
});

describe('convergeNode', () => {
  it('starts every daemon the first time, then does nothing on a re-run', async () => {
    const host = joinedHost();
    const first = await convergeNode({ cluster, node, host, files });
    assert.deepEqual(first.started, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kube-apiserver-lb']);
    assert.deepEqual(first.restarted, [], 'etcd, started by the etcd step, is left alone');
    const pids = [...host.units.values()].map((unit) => unit.pid);
    const again = await convergeNode({ cluster, node, host, files });
    assert.deepEqual({ written: again.written, started: again.started, restarted: again.restarted, reloaded: again.reloaded }, { written: [], started: [], restarted: [], reloaded: [] });
    assert.deepEqual([...host.units.values()].map((unit) => unit.pid), pids);
    assert.ok(again.steps.every((step) => step.action === 'check'));
  });

  it('restarts only the daemon whose file changed and waits for it', async () => {
    const host = joinedHost();
    await convergeNode({ cluster, node, host, files });
    const before = new Map([...host.units].map(([name, unit]) => [name, unit.pid]));
    const changed = renderNodeFiles({ cluster: { ...cluster, features: { ...cluster.features, auditLog: true } }, node });
    const report = await convergeNode({ cluster, node, host, files: changed });
    assert.deepEqual(report.restarted, ['kube-apiserver']);
    for (const [name, pid] of before) {
      if (name === unitName('kube-apiserver')) assert.notEqual(host.unit(name).pid, pid);
      else assert.equal(host.unit(name).pid, pid, name);
    }
    assert.deepEqual(report.steps.filter((step) => step.action === 'restart').map((step) => step.daemon), ['kube-apiserver']);
  });

  it('restarts the daemons reading a certificate another step replaced', async () => {
    const host = joinedHost();
    await convergeNode({ cluster, node, host, files });
    const report = await convergeNode({ cluster, node, host, files, changedPaths: ['/etc/kubernetes/scheduler.conf'] });
    assert.deepEqual(report.restarted, ['kube-scheduler']);
  });

  it('refuses to start an etcd that never joined, which would found a cluster of its own', async () => {
    const host = new FakeNode('cp2', '198.18.0.12');
    await assert.rejects(convergeNode({ cluster, node: controlPlaneNode({ name: 'cp2', ip: '198.18.0.12' }), host, files }), EtcdMembershipError);
    assert.equal(host.ran('systemctl', 'start').length, 0);
    assert.equal(host.files.size, 0);
  });
});
