import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateHostChecks, hostChecks } from '../../../src/preflight/host-checks.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';
import { CP, rigFacts, WORKER } from './fixtures.ts';

describe('the host check table', () => {
  it('has unique names, in kubeadm form where kubeadm has the check', () => {
    const names = hostChecks(DEFAULT_PREFLIGHT_SETTINGS).map((check) => check.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of ['NumCPU', 'Mem', 'Swap', 'Hostname', 'Port-6443', 'FileContent--proc-sys-net-ipv4-ip_forward', 'FileExisting-conntrack', 'DirAvailable--var-lib-etcd']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('on the captured rig host fails only ip_forward and warns about clock sync and cgroup v1', () => {
    const results = evaluateHostChecks({ node: CP, facts: rigFacts(), settings: DEFAULT_PREFLIGHT_SETTINGS });
    const notOk = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.name}`);
    assert.deepEqual(notOk, ['warn ClockSync', 'error FileContent--proc-sys-net-ipv4-ip_forward', 'warn CgroupVersion']);
    assert.ok(results.every((result) => result.status === 'ok' || (result.fix ?? '') !== ''), 'every failure says how to fix it');
  });

  it('gives a worker fewer checks than a control plane', () => {
    const worker = evaluateHostChecks({ node: WORKER, facts: rigFacts({ hostname: 'w1' }), settings: DEFAULT_PREFLIGHT_SETTINGS }).map((result) => result.name);
    assert.ok(!worker.includes('DirAvailable--var-lib-etcd'));
    assert.ok(!worker.includes('Port-6443'));
    assert.ok(worker.includes('Port-10250'));
  });
});
