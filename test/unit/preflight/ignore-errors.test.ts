import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyIgnore, isIgnored } from '../../../src/preflight/ignore-errors.ts';
import type { CheckResult } from '../../../src/preflight/preflight-types.ts';

const checks: CheckResult[] = [
  { name: 'NumCPU', status: 'error', message: '1 CPU', fix: 'more' },
  { name: 'Swap', status: 'error', message: 'on', fix: 'swapoff -a' },
  { name: 'ClockSync', status: 'warn', message: 'no', fix: 'ntp' },
];

describe('ignorePreflightErrors', () => {
  it('matches names case-insensitively, as kubeadm does', () => {
    assert.equal(isIgnored('NumCPU', ['numcpu']), true);
    assert.equal(isIgnored('NumCPU', ['Mem']), false);
    assert.equal(isIgnored('Swap', ['ALL']), true);
    assert.equal(isIgnored('Swap', 'all'), true);
  });

  it('lowers only the named errors to warnings and marks them', () => {
    const result = applyIgnore(checks, ['numcpu']);
    assert.deepEqual(result.map((check) => `${check.name} ${check.status} ${check.ignored === true}`), ['NumCPU warn true', 'Swap error false', 'ClockSync warn false']);
  });
});
