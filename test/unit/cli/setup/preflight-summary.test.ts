import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPreflightSummary } from '../../../../src/cli/setup/preflight-summary.ts';
import type { PairReport } from '../../../../src/preflight/pair-checks.ts';
import type { PreflightReport } from '../../../../src/preflight/preflight-report.ts';
import type { CheckResult } from '../../../../src/preflight/preflight-types.ts';

const ok = (name: string): CheckResult => ({ name, status: 'ok', message: 'fine' });
const forwardingOff: CheckResult = { name: 'IPForward', status: 'error', message: 'net.ipv4.ip_forward is 0', fix: 'sysctl -w net.ipv4.ip_forward=1' };
const noClock: CheckResult = { name: 'ClockSync', status: 'warn', message: 'no time service runs', fix: 'install chrony' };

function report(): PreflightReport {
  const hosts = ['cp1', 'w1', 'w2'].map((name, index) => ({
    name,
    address: `198.18.0.${11 + index}`,
    internalAddress: `198.18.0.${11 + index}`,
    roles: index === 0 ? (['control-plane', 'worker'] as const) : (['worker'] as const),
    summary: { os: 'Debian GNU/Linux 12 (bookworm)', cpus: 2, memoryMiB: 3900 },
    checks: [ok('Swap'), index === 0 ? ok('IPForward') : forwardingOff, noClock],
  }));
  const pairs: PairReport[] = hosts.flatMap((from) =>
    hosts.filter((to) => to !== from).map((to) => ({ from: from.name, to: to.name, latencyMs: 0.2, lossPercent: 0, checks: [ok('PingMesh')] })),
  );
  return { hosts, pairs, cluster: [ok('ClockSkew')], counts: { ok: 9, warn: 3, error: 2, skipped: 0, ignored: 0 }, hasErrors: true, durationMs: 2500 };
}

describe('preflight summary for the wizard', () => {
  const text = renderPreflightSummary(report(), { width: 100, color: false });
  const lines = text.trimEnd().split('\n');

  it('starts with the verdict and has one aligned line per host with its worst status', () => {
    assert.equal(lines[0], 'Preflight FAILED: 3 hosts, 2 errors, 3 warnings in 2.5 s');
    assert.deepEqual(lines.slice(1, 4), [
      '  ! cp1  198.18.0.11     control-plane+worker  Debian GNU/Linux 12 (bookworm), 2 CPU, 3900 MiB',
      '  ✗ w1   198.18.0.12     worker                Debian GNU/Linux 12 (bookworm), 2 CPU, 3900 MiB',
      '  ✗ w2   198.18.0.13     worker                Debian GNU/Linux 12 (bookworm), 2 CPU, 3900 MiB',
    ]);
  });

  it('shows the ping mesh, then each problem once with every host it concerns, errors first with their fix', () => {
    assert.match(text, /Ping mesh[^\n]*\n +1 +2 +3\n {2}1 cp1 +· +✓0\.2 +✓0\.2\n/u);
    const problems = lines.slice(lines.findIndex((line) => line.includes('3 w2 ')) + 1);
    assert.deepEqual(problems, [
      '  ✗ IPForward on w1, w2: net.ipv4.ip_forward is 0',
      '      fix: sysctl -w net.ipv4.ip_forward=1',
      '  ! ClockSync on cp1, w1, w2: no time service runs',
    ]);
  });

  it('never writes past the width', () => {
    const narrow = renderPreflightSummary(report(), { width: 60, color: false });
    for (const line of narrow.split('\n')) assert.ok([...line].length <= 60, `${line.length}: ${line}`);
  });
});
