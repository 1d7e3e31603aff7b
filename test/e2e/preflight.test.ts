import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectHost } from '../../src/host/connect-host.ts';
import type { Host } from '../../src/host/host.ts';
import type { SshTarget } from '../../src/host/ssh-target.ts';
import type { PreflightReport } from '../../src/preflight/preflight-report.ts';
import { preflightSettings } from '../../src/preflight/preflight-settings.ts';
import type { PreflightSettings } from '../../src/preflight/preflight-settings.ts';
import { renderPreflightReport } from '../../src/preflight/render-preflight-report.ts';
import { runPreflight } from '../../src/preflight/run-preflight.ts';
import type { RunPreflightOptions } from '../../src/preflight/run-preflight.ts';
import { startRig, type Rig, type RigHost } from '../rig/rig.ts';

/** In the rig's range, never given to a host: a "machine that is down". */
const UNUSED_ADDRESS = '198.18.0.250';

// The rig's hosts share this machine's disk, which is sometimes nearly full: the test lowers the
// disk thresholds to what the rig has, and says so here. Everything else is the default.
const SETTINGS: PreflightSettings = preflightSettings({ minDiskFreeGiB: 0.05, recommendedDiskFreeGiB: 0.05 });

/** Warnings a fresh rig host is expected to raise, and why. */
const EXPECTED_WARNINGS = new Set([
  'ClockSync', // containers run no time service; the clock is the machine's.
  'CgroupVersion', // the rig machine boots cgroup v1.
]);

let rig: Rig;
const hosts = new Map<string, Host>();

function target(host: RigHost, overrides: Partial<SshTarget> = {}): SshTarget {
  return { name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath, ...overrides };
}

function rigHost(name: string): RigHost {
  const host = rig.hosts.find((candidate) => candidate.name === name);
  assert.ok(host, `rig host ${name}`);
  return host;
}

async function preflight(options: Partial<RunPreflightOptions> = {}): Promise<PreflightReport> {
  const inputs = rig.hosts.map((host) => {
    const open = hosts.get(host.name);
    assert.ok(open);
    return { node: { name: host.name, internalAddress: host.address, roles: host.roles }, host: open };
  });
  return runPreflight({ hosts: inputs, settings: SETTINGS, concurrency: 8, ...options });
}

/** Every error in the report as `where check`, sorted: what a fault must change, and nothing else. */
function errors(report: PreflightReport): string[] {
  return [
    ...report.hosts.flatMap((host) => host.checks.filter((check) => check.status === 'error').map((check) => `${host.name} ${check.name}`)),
    ...report.pairs.flatMap((pair) => pair.checks.filter((check) => check.status === 'error').map((check) => `${pair.from}→${pair.to} ${check.name}`)),
    ...report.cluster.filter((check) => check.status === 'error').map((check) => `cluster ${check.name}`),
  ].sort();
}

function findCheck(report: PreflightReport, where: string, name: string): { message: string; fix?: string } {
  const [from, to] = where.split('→');
  const checks = to === undefined
    ? (from === 'cluster' ? report.cluster : report.hosts.find((host) => host.name === from)?.checks)
    : report.pairs.find((pair) => pair.from === from && pair.to === to)?.checks;
  const check = checks?.find((candidate) => candidate.name === name);
  assert.ok(check, `${where} ${name}`);
  return check;
}

async function run(host: string, script: string): Promise<string> {
  return (await rig.run(host, ['sh', '-c', script])).stdout.trim();
}

describe('preflight on a 3-host rig', { timeout: 600_000 }, () => {
  before(async () => {
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'w1', roles: ['worker'] }, { name: 'w2', roles: ['worker'] }] });
    // Like a fresh Debian, rig hosts boot with forwarding off; the test sets it the way the
    // preflight fix tells operators to, so the fresh rig can pass.
    for (const host of rig.hosts) await run(host.name, 'sysctl -w net.ipv4.ip_forward=1');
    for (const host of rig.hosts) hosts.set(host.name, await connectHost(target(host), { acceptNewHostKeys: false }));
  });

  after(async () => {
    await Promise.allSettled([...hosts.values()].map((host) => host.close()));
    await rig?.stop();
  });

  it('passes a fresh rig with only the expected warnings', async () => {
    const report = await preflight();
    assert.deepEqual(errors(report), [], renderPreflightReport(report, { width: 120, color: false }));
    assert.equal(report.hasErrors, false);
    const warnings = report.hosts.flatMap((host) => host.checks.filter((check) => check.status === 'warn').map((check) => check.name));
    assert.deepEqual([...new Set(warnings)].filter((name) => !EXPECTED_WARNINGS.has(name)), []);
    assert.equal(report.pairs.length, 6);
    for (const pair of report.pairs) {
      assert.ok(pair.checks.every((check) => check.status === 'ok'), `${pair.from}→${pair.to}`);
      assert.ok(pair.latencyMs !== undefined && pair.latencyMs < 50);
    }
    // The rig's hosts each see the machine's 2 CPUs: exactly a control plane's minimum.
    assert.equal(findCheck(report, 'cp1', 'NumCPU').message, '2 CPUs (≥ 2)');
    assert.match(findCheck(report, 'cluster', 'ClockSkew').message, /clocks agree/u);
  });

  it('raising the CPU threshold fails NumCPU on the control plane only', async () => {
    const report = await preflight({ settings: { ...SETTINGS, minCpus: { 'control-plane': 4, worker: 1 } } });
    assert.deepEqual(errors(report), ['cp1 NumCPU']);
    const ignored = await preflight({ settings: { ...SETTINGS, minCpus: { 'control-plane': 4, worker: 1 } }, ignore: ['numcpu'] });
    assert.equal(ignored.hasErrors, false);
  });

  it('ICMP dropped between w1 and w2 fails only their two pairs', async () => {
    const rule = `INPUT -p icmp -s ${rigHost('w2').address} -j DROP`;
    await run('w1', `iptables -I ${rule}`);
    try {
      const report = await preflight();
      assert.deepEqual(errors(report), ['w1→w2 PingMesh', 'w2→w1 PingMesh']);
      assert.match(findCheck(report, 'w2→w1', 'PingMesh').fix ?? '', /iptables -I INPUT -p icmp/u);
    } finally {
      await run('w1', `iptables -D ${rule}`);
    }
  });

  it('a listener on 6443 on the control plane fails Port-6443 there', async () => {
    const pid = await run('cp1', 'setsid socat TCP-LISTEN:6443,fork,reuseaddr /dev/null </dev/null >/dev/null 2>&1 & echo $!');
    try {
      await run('cp1', 'for i in 1 2 3 4 5 6 7 8 9 10; do ss -Hltn | grep -q ":6443 " && exit 0; sleep 0.2; done; exit 1');
      const report = await preflight();
      assert.deepEqual(errors(report), ['cp1 Port-6443']);
      const check = findCheck(report, 'cp1', 'Port-6443');
      assert.match(check.message, /6443\/tcp is in use by socat\(\d+\)/u);
      assert.match(check.fix ?? '', /ss -lpnt 'sport = :6443'/u);
    } finally {
      await run('cp1', `kill ${pid}`);
    }
  });

  it('the overlay port blocked from w1 to w2 fails that pair\'s UDP check only', async () => {
    const rule = `INPUT -p udp --dport 4789 -s ${rigHost('w1').address} -j DROP`;
    await run('w2', `iptables -I ${rule}`);
    try {
      const report = await preflight();
      assert.deepEqual(errors(report), ['w1→w2 Reachability-UDP-4789']);
      assert.match(findCheck(report, 'w1→w2', 'Reachability-UDP-4789').fix ?? '', new RegExp(`iptables -I INPUT -p udp --dport 4789 -s ${rigHost('w1').address.replaceAll('.', '\\.')}`, 'u'));
    } finally {
      await run('w2', `iptables -D ${rule}`);
    }
  });

  it('a TCP port blocked from a worker to the control plane fails that pair', async () => {
    const rule = `INPUT -p tcp --dport 10250 -s ${rigHost('w2').address} -j REJECT`;
    await run('cp1', `iptables -I ${rule}`);
    try {
      const report = await preflight();
      assert.deepEqual(errors(report), ['w2→cp1 Reachability-TCP-10250']);
      assert.match(findCheck(report, 'w2→cp1', 'Reachability-TCP-10250').message, /refused/iu);
    } finally {
      await run('cp1', `iptables -D ${rule}`);
    }
  });

  it('a machine-id copied from another host fails DuplicateMachineID', async () => {
    const original = await run('w1', 'cat /etc/machine-id');
    const copied = await run('cp1', 'cat /etc/machine-id');
    await run('w1', `printf '%s\\n' ${copied} > /etc/machine-id`);
    try {
      const report = await preflight();
      assert.deepEqual(errors(report), ['cluster DuplicateMachineID']);
      assert.equal(findCheck(report, 'cluster', 'DuplicateMachineID').message, `machine-id ${copied} is shared by cp1, w1`);
    } finally {
      await run('w1', `printf '%s\\n' ${original} > /etc/machine-id`);
    }
  });

  it('ip_forward switched off on w2 fails that sysctl check there', async () => {
    await run('w2', 'sysctl -w net.ipv4.ip_forward=0');
    try {
      const report = await preflight();
      assert.deepEqual(errors(report), ['w2 FileContent--proc-sys-net-ipv4-ip_forward']);
      assert.match(findCheck(report, 'w2', 'FileContent--proc-sys-net-ipv4-ip_forward').fix ?? '', /sysctl -w net\.ipv4\.ip_forward=1/u);
    } finally {
      await run('w2', 'sysctl -w net.ipv4.ip_forward=1');
    }
  });

  it('tells a host that is up with SSH refused from a host that is down', async () => {
    const cp1 = rigHost('cp1');
    const connector = (name: string, address: string, port: number) => ({
      node: { name, internalAddress: address, roles: ['worker'] as const },
      host: { name, address, connect: () => connectHost(target(cp1, { name, address, port }), { acceptNewHostKeys: false, connectTimeoutMs: 3000 }) },
    });
    const report = await runPreflight({ hosts: [connector('refused', cp1.address, 2222), connector('down', UNUSED_ADDRESS, 22)], settings: SETTINGS, concurrency: 2 });
    assert.match(findCheck(report, 'refused', 'OperatorReachability').message, /is up \(answers ping in [\d.]+ ms\) but SSH failed/u);
    assert.match(findCheck(report, 'down', 'OperatorReachability').message, /answers neither ping nor SSH/u);
    assert.deepEqual(errors(report), ['down OperatorReachability', 'down SSHConnection', 'refused OperatorReachability', 'refused SSHConnection']);
  });
});
