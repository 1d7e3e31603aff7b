import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PairReport } from '../../../src/preflight/pair-checks.ts';
import type { PreflightReport } from '../../../src/preflight/preflight-report.ts';
import type { CheckResult } from '../../../src/preflight/preflight-types.ts';
import { formatLatency, renderNetworkMatrix } from '../../../src/preflight/render-network-matrix.ts';
import { renderPreflightReport } from '../../../src/preflight/render-preflight-report.ts';

const ok = (name: string): CheckResult => ({ name, status: 'ok', message: 'fine' });

/** n hosts named node1…; the pair (from, to) given fails TCP 2379. */
function report(n: number, failing?: [number, number]): PreflightReport {
  const hosts = Array.from({ length: n }, (_, index) => ({
    name: `node${index + 1}`,
    address: `198.18.0.${11 + index}`,
    internalAddress: `198.18.0.${11 + index}`,
    roles: index === 0 ? (['control-plane'] as const) : (['worker'] as const),
    summary: { os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-18-amd64', cpus: 2, memoryMiB: 3900 },
    checks: [ok('Swap'), ok('NumCPU'), index === 1 ? { name: 'FileContent--proc-sys-net-bridge-bridge-nf-call-iptables', status: 'error' as const, message: 'absent', fix: 'modprobe br_netfilter' } : ok('FileContent--proc-sys-net-bridge-bridge-nf-call-iptables')],
  }));
  const pairs: PairReport[] = [];
  for (let from = 0; from < n; from += 1) {
    for (let to = 0; to < n; to += 1) {
      if (from === to) continue;
      const bad = failing !== undefined && failing[0] === from && failing[1] === to;
      const reach: CheckResult = bad
        ? { name: 'Reachability-TCP-2379', status: 'error', message: `node${from + 1} cannot open TCP 2379`, fix: 'iptables -I INPUT -p tcp --dport 2379 -s 198.18.0.12 -j ACCEPT' }
        : ok('Reachability-TCP-2379');
      pairs.push({ from: `node${from + 1}`, to: `node${to + 1}`, latencyMs: 0.05 + from / 10, lossPercent: 0, checks: [ok('PingMesh'), reach] });
    }
  }
  const cluster = [ok('DuplicateMachineID'), ok('ClockSkew')];
  const errors = (failing === undefined ? 0 : 1) + (n > 1 ? 1 : 0);
  return { hosts, pairs, cluster, counts: { ok: 10, warn: 0, error: errors, skipped: 0, ignored: 0 }, hasErrors: errors > 0, durationMs: 1234 };
}

const ESC = String.fromCharCode(27);
const ANSI_CODE = new RegExp(`${ESC}\\[[0-9;]*m`, 'gu');
const visibleWidth = (line: string): number => [...line.replace(ANSI_CODE, '')].length;

describe('renderPreflightReport', () => {
  for (const hosts of [3, 10, 20, 60]) {
    for (const width of [80, 120]) {
      it(`fits ${hosts} hosts into ${width} columns`, () => {
        const text = renderPreflightReport(report(hosts, [1, 0]), { width, color: true });
        for (const line of text.split('\n')) assert.ok(visibleWidth(line) <= width, `${visibleWidth(line)} > ${width}: ${line}`);
      });
    }
  }

  it('shows the failing pair red in the matrix, with its fix under "To fix"', () => {
    const text = renderPreflightReport(report(3, [1, 0]), { width: 120, color: false });
    const row = text.split('\n').find((line) => /^\s+2 node2\s+✗/u.test(line));
    assert.match(row ?? '', /^\s+2 node2\s+✗0\.2\s+·\s+✓0\.2$/u);
    assert.match(text, /Reachability-TCP-2379 on node2→node1: node2 cannot open TCP 2379/u);
    assert.match(text, /fix: iptables -I INPUT -p tcp --dport 2379 -s 198\.18\.0\.12 -j ACCEPT/u);
    assert.match(text, /^Preflight FAILED: 3 hosts, 2 errors/u);
  });

  it('folds checks that passed everywhere and shows the failing one per host', () => {
    const text = renderPreflightReport(report(3), { width: 80, color: false });
    assert.match(text, /FileContent--proc-sys-net-bridge-bridge-nf-call-iptables\s+✓ ✗ ✓/u);
    assert.match(text, /2 more checks passed on every host/u);
  });

  it('colours only when asked', () => {
    assert.ok(!renderPreflightReport(report(3), { width: 80, color: false }).includes(ESC));
    assert.ok(renderPreflightReport(report(3), { width: 80, color: true }).includes(`${ESC}[31m`));
  });
});

describe('renderNetworkMatrix', () => {
  it('drops latencies before it would overflow, and says so', () => {
    const { hosts, pairs } = report(20);
    const wide = renderNetworkMatrix(hosts, pairs, { width: 200, color: false });
    assert.match(wide.join('\n'), /✓0\.1/u);
    const narrow = renderNetworkMatrix(hosts, pairs, { width: 80, color: false });
    assert.doesNotMatch(narrow.join('\n'), /0\.1/u);
    assert.match(narrow.at(-1) ?? '', /no room for latencies/u);
  });

  it('formats latencies in at most four characters', () => {
    assert.deepEqual([0.04, 3.26, 12.4, 999, 2500].map(formatLatency), ['0.0', '3.3', '12', '999', '2.5k']);
  });
});
