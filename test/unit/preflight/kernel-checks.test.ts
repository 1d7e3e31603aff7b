import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KernelModuleState } from '../../../src/preflight/host-facts.ts';
import { evaluate, rigFacts } from './fixtures.ts';

const absent = (name: string, flags: Partial<KernelModuleState> = {}): KernelModuleState => ({ name, loaded: false, inSysfs: false, builtin: false, loadable: false, config: undefined, ...flags });

describe('KernelModule-*', () => {
  it('counts a built-in module seen only in kallsyms (a container hides /sys/module)', () => {
    const outcome = evaluate('KernelModule-vxlan');
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.message, /built into the kernel/u);
  });

  it('counts loaded, sysfs and modules.builtin evidence', () => {
    for (const flags of [{ loaded: true }, { inSysfs: true }, { builtin: true }, { config: 'builtin' as const }]) {
      const facts = rigFacts({ modules: [absent('vxlan', flags)], kernelSymbols: [] });
      assert.equal(evaluate('KernelModule-vxlan', { facts }).status, 'ok');
    }
  });

  it('warns with modprobe when the module is only installed, errors when it is nowhere', () => {
    const loadable = evaluate('KernelModule-vxlan', { facts: rigFacts({ modules: [absent('vxlan', { loadable: true })], kernelSymbols: [] }) });
    assert.equal(loadable.status, 'warn');
    assert.match(loadable.fix ?? '', /modprobe vxlan/u);
    const configured = evaluate('KernelModule-vxlan', { facts: rigFacts({ modules: [absent('vxlan', { config: 'module' })], kernelSymbols: [] }) });
    assert.equal(configured.status, 'warn', 'CONFIG_VXLAN=m but not loaded');
    const missing = evaluate('KernelModule-vxlan', { facts: rigFacts({ modules: [absent('vxlan')], kernelSymbols: [] }) });
    assert.equal(missing.status, 'error');
  });

  it('takes /proc/sys/net/bridge as proof of br_netfilter', () => {
    const facts = rigFacts({ modules: [absent('br_netfilter')], kernelSymbols: [], bridgeSysctls: true });
    assert.equal(evaluate('KernelModule-br_netfilter', { facts }).status, 'ok');
    assert.equal(evaluate('KernelModule-br_netfilter', { facts: { ...facts, bridgeSysctls: false } }).status, 'error');
  });
});

describe('FileContent--proc-sys-*', () => {
  it('errors on a wrong value with the sysctl command and the file that keeps it', () => {
    const outcome = evaluate('FileContent--proc-sys-net-ipv4-ip_forward');
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.message, 'net.ipv4.ip_forward is 0, must be 1');
    assert.match(outcome.fix ?? '', /sysctl -w net\.ipv4\.ip_forward=1/u);
    assert.match(outcome.fix ?? '', /\/etc\/sysctl\.d\//u);
  });

  it('says br_netfilter is missing when /proc/sys/net/bridge is absent', () => {
    const facts = rigFacts({ sysctls: { 'net.ipv4.ip_forward': '1' }, bridgeSysctls: false });
    const outcome = evaluate('FileContent--proc-sys-net-bridge-bridge-nf-call-iptables', { facts });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.message, /\/proc\/sys\/net\/bridge is absent because br_netfilter is not loaded/u);
    assert.match(outcome.fix ?? '', /modprobe br_netfilter/u);
  });

  it('passes when the value matches', () => {
    assert.equal(evaluate('FileContent--proc-sys-net-bridge-bridge-nf-call-iptables').status, 'ok');
  });
});

describe('cgroups', () => {
  it('v2 passes, v1 warns with the kernel parameter to switch', () => {
    assert.equal(evaluate('CgroupVersion', { facts: rigFacts({ cgroup: { version: 2, controllers: ['cpu', 'cpuset', 'memory', 'pids'] } }) }).status, 'ok');
    const v1 = evaluate('CgroupVersion');
    assert.equal(v1.status, 'warn');
    assert.match(v1.fix ?? '', /systemd\.unified_cgroup_hierarchy=1/u);
  });

  it('names the missing controllers for each version', () => {
    const v2 = evaluate('CgroupControllers', { facts: rigFacts({ cgroup: { version: 2, controllers: ['cpu', 'memory'] } }) });
    assert.equal(v2.status, 'error');
    assert.match(v2.message, /cpuset, pids/u);
    const v1 = evaluate('CgroupControllers', { facts: rigFacts({ cgroup: { version: 1, controllers: ['cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'pids'] } }) });
    assert.match(v1.message, /: memory$/u);
    assert.equal(evaluate('CgroupControllers').status, 'ok');
  });
});
