import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitName, unitPath } from '../../../../src/bootstrap/daemons.ts';
import { convergeNodes } from '../../../../src/bootstrap/install/converge-nodes.ts';
import type { ConvergeNodeOptions } from '../../../../src/bootstrap/install/converge-node.ts';
import { rollingRestart } from '../../../../src/bootstrap/install/rolling-restart.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { HostsFailedError } from '../../../../src/workflow/hosts-failed-error.ts';
import { FakeNode } from '../fake-node.ts';
import { controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const FAST = { healthTimeoutMs: 300 };

function controlPlane(name: string, ip: string): ConvergeNodeOptions & { host: FakeNode } {
  const node = controlPlaneNode({ name, ip });
  const files = renderNodeFiles({ cluster, node });
  const host = new FakeNode(name, ip);
  const etcd = files.find((file) => file.path === unitPath('etcd')) ?? assert.fail();
  host.files.set(etcd.path, { content: etcd.content, mode: etcd.mode });
  host.unit(unitName('etcd')).enabled = true;
  host.start(unitName('etcd'));
  return { cluster, node, host, files, ...FAST };
}

function worker(name: string, ip: string): ConvergeNodeOptions & { host: FakeNode } {
  const node = workerNode({ name, ip });
  return { cluster, node, host: new FakeNode(name, ip), files: renderNodeFiles({ cluster, node }), ...FAST };
}

describe('convergeNodes', () => {
  it('does the control planes one after the other, each healthy first, then the workers', async () => {
    const nodes = [worker('w1', '198.18.0.21'), controlPlane('cp1', '198.18.0.11'), controlPlane('cp2', '198.18.0.12')];
    const reports = await convergeNodes({ nodes });
    assert.deepEqual(reports.map((report) => report.host), ['cp1', 'cp2', 'w1']);
    const lastOfCp1 = Math.max(...(reports[0]?.steps.map((step) => step.healthyAt) ?? []));
    const firstOfCp2 = Math.min(...(reports[1]?.steps.map((step) => step.startedAt) ?? []));
    assert.ok(firstOfCp2 >= lastOfCp1, 'cp2 began before cp1 was healthy');
  });

  it('stops the roll at a control plane that does not come up, leaving the next ones untouched', async () => {
    const cp1 = controlPlane('cp1', '198.18.0.11');
    const cp2 = controlPlane('cp2', '198.18.0.12');
    cp1.host.unhealthy.add(unitName('kube-apiserver'));
    const error = await convergeNodes({ nodes: [cp1, cp2] }).catch((caught: unknown) => caught);
    assert.ok(error instanceof HostsFailedError);
    assert.deepEqual(error.failures.map((failure) => failure.host), ['cp1']);
    assert.equal(cp2.host.files.size, 1, 'only the etcd unit the etcd step wrote');
  });
});

describe('rollingRestart', () => {
  it('restarts host by host, each daemon healthy before the next', async () => {
    const targets = [controlPlane('cp1', '198.18.0.11'), controlPlane('cp2', '198.18.0.12')].map(({ host, node }) => ({ host, node, cluster, hasKubectl: true }));
    for (const target of targets) target.host.start(unitName('kube-apiserver'));
    const steps = await rollingRestart({ targets, daemons: ['etcd', 'kube-apiserver'], healthTimeoutMs: 300 });
    assert.deepEqual(steps.map((step) => `${step.host}/${step.daemon}`), ['cp1/etcd', 'cp1/kube-apiserver', 'cp2/etcd', 'cp2/kube-apiserver']);
    for (const [index, step] of steps.entries()) if (index > 0) assert.ok(step.startedAt >= (steps[index - 1]?.healthyAt ?? 0));
  });
});
