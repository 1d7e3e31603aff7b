import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preflightSettings } from '../../../src/preflight/preflight-settings.ts';
import { CP, evaluate, rigFacts, WORKER } from './fixtures.ts';

describe('resource thresholds', () => {
  it('NumCPU: a control plane needs 2 CPUs, a worker 1', () => {
    assert.equal(evaluate('NumCPU', { facts: rigFacts({ cpus: 2 }) }).status, 'ok');
    const one = evaluate('NumCPU', { facts: rigFacts({ cpus: 1 }) });
    assert.equal(one.status, 'error');
    assert.match(one.message, /1 CPU\(s\); a control-plane needs at least 2/u);
    assert.match(one.fix ?? '', /at least 2 CPUs/u);
    assert.equal(evaluate('NumCPU', { node: WORKER, facts: rigFacts({ cpus: 1 }) }).status, 'ok');
  });

  it('NumCPU: a host with both roles needs the stricter threshold', () => {
    const both = { ...CP, roles: ['control-plane', 'worker'] as const };
    assert.equal(evaluate('NumCPU', { node: both, facts: rigFacts({ cpus: 1 }) }).status, 'error');
  });

  it('NumCPU and Mem follow the settings', () => {
    const settings = preflightSettings({ minCpus: { 'control-plane': 4, worker: 1 }, minMemoryMiB: { 'control-plane': 8192, worker: 300 } });
    assert.equal(evaluate('NumCPU', { facts: rigFacts({ cpus: 2 }), settings }).status, 'error');
    assert.equal(evaluate('Mem', { facts: rigFacts({ memoryMiB: 4096 }), settings }).status, 'error');
    assert.equal(evaluate('Mem', { node: WORKER, facts: rigFacts({ memoryMiB: 4096 }), settings }).status, 'ok');
  });

  it('Mem: 1700 MiB is the control-plane floor, inclusive', () => {
    assert.equal(evaluate('Mem', { facts: rigFacts({ memoryMiB: 1700 }) }).status, 'ok');
    const low = evaluate('Mem', { facts: rigFacts({ memoryMiB: 1699 }) });
    assert.equal(low.status, 'error');
    assert.match(low.message, /1699 MiB/u);
  });

  it('DiskFree: an error below the minimum, a warning below the recommendation', () => {
    const gib = (value: number): number => value * 1024 * 1024;
    assert.equal(evaluate('DiskFree', { facts: rigFacts({ disk: { mount: '/', availableKiB: gib(1.5) } }) }).status, 'error');
    assert.equal(evaluate('DiskFree', { facts: rigFacts({ disk: { mount: '/', availableKiB: gib(5) } }) }).status, 'warn');
    const fine = evaluate('DiskFree', { facts: rigFacts({ disk: { mount: '/var', availableKiB: gib(50) } }) });
    assert.equal(fine.status, 'ok');
    assert.match(fine.message, /50\.0 GiB free on \/var/u);
  });
});

describe('system checks', () => {
  it('Swap: on is an error whose fix says swapoff -a and /etc/fstab', () => {
    const outcome = evaluate('Swap', { facts: rigFacts({ swaps: ['/swap.img'], swapTotalKiB: 2097148 }) });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.message, /\/swap\.img, 2048 MiB/u);
    assert.match(outcome.fix ?? '', /swapoff -a/u);
    assert.match(outcome.fix ?? '', /\/etc\/fstab/u);
    assert.equal(evaluate('Swap').status, 'ok');
  });

  it('KernelVersion, Architecture and OperatingSystem', () => {
    assert.equal(evaluate('KernelVersion', { facts: rigFacts({ kernelRelease: '4.15.0-213-generic' }) }).status, 'error');
    assert.equal(evaluate('Architecture', { facts: rigFacts({ architecture: 'riscv64' }) }).status, 'error');
    assert.equal(evaluate('OperatingSystem', { facts: rigFacts({ os: { id: 'rocky', versionId: '9', prettyName: 'Rocky Linux 9' } }) }).status, 'warn');
    assert.equal(evaluate('OperatingSystem').status, 'ok');
  });

  it('ClockSync: unsynchronised or unknown is a warning, never an error', () => {
    assert.equal(evaluate('ClockSync', { facts: rigFacts({ timeSync: { synchronized: true, services: ['chrony'] } }) }).status, 'ok');
    assert.equal(evaluate('ClockSync', { facts: rigFacts({ timeSync: { synchronized: false, services: [] } }) }).status, 'warn');
    assert.equal(evaluate('ClockSync', { facts: rigFacts({ timeSync: { synchronized: undefined, services: [] } }) }).status, 'warn');
  });

  it('IsPrivilegedUser', () => {
    assert.equal(evaluate('IsPrivilegedUser').status, 'ok');
    assert.equal(evaluate('IsPrivilegedUser', { facts: rigFacts({ uid: 1000 }) }).status, 'error');
  });
});
