import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSha256sum, sha256Hex } from '../../../src/runtime/managed-file.ts';
import { runtimeFiles } from '../../../src/runtime/runtime-files.ts';
import type { RuntimeFilesOptions } from '../../../src/runtime/runtime-files.ts';
import { planRuntime } from '../../../src/runtime/runtime-plan.ts';

const OPTIONS: RuntimeFilesOptions = {
  containerdVersion: { major: 1, minor: 6 }, cgroupDriver: 'cgroupfs', sandboxImage: 'registry.k8s.io/pause:3.10',
  restrictOomScoreAdj: true, cniBinDir: '/opt/cni/bin', cniConfDir: '/etc/cni/net.d',
};
const files = runtimeFiles(OPTIONS);
const installed = Object.fromEntries(files.map((file) => [file.path, sha256Hex(file.content)]));
const argvs = (plan: ReturnType<typeof planRuntime>): string[] => plan.steps.map((step) => step.argv.join(' '));

describe('planRuntime', () => {
  it('does nothing on a host that is already right', () => {
    const plan = planRuntime(files, { hashes: installed, containerdActive: true, containerdEnabled: true });
    assert.deepEqual(plan.changes, []);
  });

  it('installs everything on a fresh host and starts containerd once', () => {
    const plan = planRuntime(files, { hashes: {}, containerdActive: false, containerdEnabled: false });
    assert.equal(plan.writes.length, 5);
    assert.deepEqual(argvs(plan).map((line) => line.split(' ').slice(0, 2).join(' ')), ['systemctl daemon-reload', 'sh -c', 'sysctl -p', 'systemctl enable', 'systemctl restart']);
  });

  it('restarts containerd only when its config changed', () => {
    const changed = runtimeFiles({ ...OPTIONS, cgroupDriver: 'systemd' });
    const plan = planRuntime(changed, { hashes: installed, containerdActive: true, containerdEnabled: true });
    assert.deepEqual(plan.writes.map((file) => file.path), ['/etc/containerd/config.toml']);
    assert.deepEqual(argvs(plan), ['systemctl restart containerd.service']);
    assert.match(plan.changes[1] ?? '', /restart containerd \(its \/etc\/containerd\/config\.toml changed\)/u);
  });

  it('does not restart containerd for crictl.yaml or sysctls', () => {
    const hashes = { ...installed, '/etc/crictl.yaml': 'old', '/etc/sysctl.d/99-kit.conf': undefined };
    const plan = planRuntime(files, { hashes, containerdActive: true, containerdEnabled: true });
    assert.deepEqual(argvs(plan), ['sysctl -p /etc/sysctl.d/99-kit.conf']);
    assert.equal(plan.writes.length, 2);
  });

  it('starts a stopped containerd even when no file changed', () => {
    assert.deepEqual(argvs(planRuntime(files, { hashes: installed, containerdActive: false, containerdEnabled: true })), ['systemctl restart containerd.service']);
  });

  it('reads sha256sum output, leaving missing files undefined', () => {
    const hex = 'a'.repeat(64);
    assert.deepEqual(parseSha256sum(`${hex}  /etc/crictl.yaml\n`, ['/etc/crictl.yaml', '/etc/containerd/config.toml']), { '/etc/crictl.yaml': hex, '/etc/containerd/config.toml': undefined });
  });
});
