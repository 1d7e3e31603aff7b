import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { kitFootprint } from '../../src/reset/footprint.ts';
import { HostPool } from '../../src/host/host-pool.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { ensureHaproxyLibraryDebs, installHaproxy } from './support/daemons-setup.ts';
import { runKit, type KitRun } from '../support/run-kit.ts';

/**
 * `kit reset` proven on rig hosts: each host's snapshot after reset equals its snapshot from
 * before kit's first apply. The snapshot: every path under SNAPSHOT_ROOTS with type, mode,
 * owner and sha256 (or link target); enabled unit files and running services; links,
 * addresses, routes, FDB and permanent neighbours; iptables rules; mounts; kernel modules;
 * the sysctls kit and its daemons touch.
 */
const SNAPSHOT_ROOTS = ['/etc', '/var/lib', '/opt', '/usr/local', '/run', '/usr/libexec'];

/**
 * What the OS itself changes while the rig runs, whatever kit does. Each entry is a path
 * prefix of a `file` line; nothing else may differ.
 */
const OS_CHURN: readonly { readonly prefix: string; readonly why: string }[] = [
  { prefix: '/run/log/journal/', why: 'the volatile journal grows with every log line' },
  { prefix: '/run/systemd/journal/', why: 'journald\'s stream sockets, one per running service' },
  { prefix: '/run/systemd/units/', why: 'systemd\'s per-unit invocation IDs, kept for units that ran' },
  { prefix: '/run/systemd/propagate/', why: 'systemd\'s mount propagation dirs for units that ran' },
  { prefix: '/run/systemd/transient ', why: 'the directory systemd makes on the first transient unit (a cgroup scope); it keeps it, empty' },
  { prefix: '/run/systemd/transient/', why: 'transient units systemd made for sessions' },
  { prefix: '/run/utmp', why: 'login records' },
  { prefix: '/run/sshd.pid', why: 'the unreachable-host step stops and starts sshd: a new PID' },
  { prefix: '/var/lib/systemd/timers/', why: 'timer stamps' },
  { prefix: '/var/lib/systemd/random-seed', why: 'refreshed by systemd' },
];

/**
 * iptables with the nft backend creates a table on first use and has no command to delete
 * one (only `nft` does, which the rig hosts lack): a table holding no rule, only built-in
 * chains with ACCEPT policies, filters nothing — the same as no table — and is left out.
 */
function withoutEmptyTables(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let table: string[] = [];
  for (const line of lines) {
    const [tool] = line.split(' ');
    if (tool !== 'iptables' && tool !== 'ip6tables') {
      kept.push(line);
      continue;
    }
    table.push(line);
    if (line !== `${tool} COMMIT`) continue;
    const body = table.slice(1, -1).map((entry) => entry.slice(tool.length + 1));
    if (!body.every((entry) => /^:[A-Z]+ ACCEPT $/u.test(entry))) kept.push(...table);
    table = [];
  }
  return [...kept, ...table];
}

const SNAPSHOT_SCRIPT = [
  'export LC_ALL=C',
  `roots="${SNAPSHOT_ROOTS.join(' ')}"`,
  'for r in $roots; do [ -e "$r" ] && find "$r" -path /run/netns -prune -o -printf "file %p %y %m %U %G %l\\n"; done',
  'for r in $roots; do [ -e "$r" ] && find "$r" -type f -print0; done | xargs -0 -r sha256sum | sed "s/^\\([0-9a-f]*\\)  \\(.*\\)/hash \\2 \\1/"',
  'ls -A /run/netns 2>/dev/null | sed "s/^/netns /"',
  'systemctl list-unit-files --state=enabled --no-legend 2>/dev/null | awk \'{ print "enabled " $1 }\'',
  'systemctl list-units --type=service --state=running --no-legend 2>/dev/null | awk \'{ print "running " $1 }\'',
  'ip -o link show | sed "s/^[0-9]*: /link /"',
  'ip -o addr show | sed "s/^[0-9]*: /addr /"',
  'ip route show table all | sed "s/^/route /"',
  'ip -6 route show table all | sed "s/^/route6 /"',
  'bridge fdb show | sed "s/^/fdb /"',
  'ip neigh show nud permanent | sed "s/^/neigh /"',
  'iptables-save 2>/dev/null | grep -v "^#" | sed "s/\\[[0-9]*:[0-9]*\\]//; s/^/iptables /"',
  'ip6tables-save 2>/dev/null | grep -v "^#" | sed "s/\\[[0-9]*:[0-9]*\\]//; s/^/ip6tables /"',
  'command -v nft >/dev/null && nft list ruleset | sed "s/^/nft /"',
  'awk \'{ print "mount " $5 " " $9 }\' /proc/self/mountinfo',
  'ls /sys/module | sed "s/^/module /"',
  ...kitFootprint({ clusterMarker: '/etc/kit/cluster' }).sysctls.map((key) => `echo "sysctl ${key} $(cat /proc/sys/${key.replaceAll('.', '/')} 2>/dev/null || echo absent)"`),
  'true',
].join('\n');

let rig: Rig;
const before0 = new Map<string, string[]>();

async function snapshot(host: string): Promise<string[]> {
  const result = await rig.run(host, ['sh', '-c', SNAPSHOT_SCRIPT]);
  return withoutEmptyTables(result.stdout.split('\n')).filter((line) => line !== '' && !OS_CHURN.some((churn) => line.startsWith(`file ${churn.prefix}`) || line.startsWith(`hash ${churn.prefix}`))).sort();
}

/** Lines only in one of the two snapshots, marked - (before) and + (after). */
function difference(before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  const now = new Set(after);
  return [...before.filter((line) => !now.has(line)).map((line) => `- ${line}`), ...after.filter((line) => !old.has(line)).map((line) => `+ ${line}`)];
}

async function assertAsBefore(t: TestContext, host: string): Promise<void> {
  const now = await snapshot(host);
  const earlier = before0.get(host) ?? [];
  const diff = difference(earlier, now);
  t.diagnostic(`${host}: ${earlier.length} snapshot lines compared (${earlier.filter((line) => line.startsWith('hash ')).length} file hashes), ${diff.length} differ`);
  assert.deepEqual(diff, [], `${host} differs from before kit:\n${diff.slice(0, 80).join('\n')}`);
}

async function kit(args: readonly string[], timeoutMs = 600_000): Promise<KitRun> {
  return runKit(args, { timeoutMs });
}

/** kit apply, once more if the first run fails: apply is idempotent, and its health waits can time out on a loaded 2-core machine. */
async function applyCluster(t: TestContext): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const started = Date.now();
    const run = await kit(['apply', '-f', rig.inventoryPath], 1_500_000);
    t.diagnostic(`kit apply (attempt ${attempt}): exit ${run.exitCode} in ${Date.now() - started} ms`);
    if (run.exitCode === 0) return;
    if (attempt === 2) assert.fail(`kit apply failed twice:\n${run.stderr.slice(-4000)}`);
    t.diagnostic(run.stderr.split('\n').filter((line) => /error|FAILED/u.test(line)).slice(0, 5).join('\n'));
  }
}

async function onHost(host: string, script: string): Promise<string> {
  return (await rig.run(host, ['sh', '-c', script], { allowFail: true })).stdout.trim();
}

/** Starts `kit apply` and SIGKILLs it once the named phase has started (plus a moment). */
function applyKilledDuring(phase: string, delayMs: number): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '..', '..', 'bin', 'kit.js'), 'apply', '-f', rig.inventoryPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let armed = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!armed && stderr.includes(`[${phase}] `)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ killed: signal === 'SIGKILL', stderr }));
  });
}

/** Steps of one describe build on each other: after a failure the rest are skipped, not left to time out. */
function stepper(): (name: string, body: (t: TestContext) => Promise<void>) => void {
  let broken: string | undefined;
  return (name, body) => {
    it(name, async (t) => {
      if (broken !== undefined) {
        t.skip(`skipped: an earlier step failed (${broken})`);
        return;
      }
      try {
        await body(t);
      } catch (error) {
        broken = name;
        throw error;
      }
    });
  };
}

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'kit reset leaves each host as it was before kit' : 'kit reset (skipped: the rig needs root)';

describe(title, { timeout: 3_600_000, skip: !isRoot }, () => {
  const step = stepper();
  before(async () => {
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'w1', roles: ['worker'] }, { name: 'w2', roles: ['worker'] }] });
    for (const host of rig.hosts) before0.set(host.name, await snapshot(host.name));
  });
  after(async () => {
    await rig?.stop();
  });

  step('refuses without --yes when standard input is not a terminal, and changes nothing', async () => {
    const run = await kit(['reset', '-f', rig.inventoryPath, '--all']);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /standard input is not a terminal/u);
    assert.match(run.stderr, /--yes/u);
  });

  step('resets hosts whose apply was killed (SIGKILL) half-way', async (t) => {
    const killed = await applyKilledDuring('artifacts', 1500);
    assert.ok(killed.killed, `kit apply ended before it could be killed:\n${killed.stderr.slice(-2000)}`);
    assert.equal(await onHost('cp1', 'test -e /etc/kit/cluster && test -d /var/lib/kit/pre-kit && echo half'), 'half', 'the killed apply had not written yet');
    const started = Date.now();
    const run = await kit(['reset', '-f', rig.inventoryPath, '--all', '--yes']);
    t.diagnostic(`reset --all after a killed apply: ${Date.now() - started} ms`);
    assert.equal(run.exitCode, 0, run.stderr);
    for (const host of rig.hosts) await assertAsBefore(t, host.name);
  });

  step('after a full apply, --dry-run lists what would go per host and changes nothing', async (t) => {
    await applyCluster(t);
    t.diagnostic(`after apply, cp1 runs: ${await onHost('cp1', 'for u in containerd kubelet kube-proxy etcd kube-apiserver; do printf "%s=%s " $u $(systemctl is-active $u); done')}`);
    const run = await kit(['reset', '-f', rig.inventoryPath, '--all', '--dry-run']);
    assert.equal(run.exitCode, 0, run.stderr);
    for (const host of ['cp1', 'w1', 'w2']) assert.match(run.stderr, new RegExp(`\\[clean\\] ${host}: .*remove /etc/kit/cluster`, 'u'));
    assert.match(run.stderr, /\[clean\] cp1: .*stop [^;]*containerd\.service/u);
    assert.match(run.stderr, /delete network device\(s\) [^;]*kit\.vxlan/u);
    assert.match(run.stdout, /dry run: nothing was changed/u);
    assert.equal(await onHost('w1', 'systemctl is-active containerd; test -e /etc/kit/cluster && echo marker'), 'active\nmarker');
  });

  step('--host w2 resets one worker: w2 is as before, the others stay and forget it', async (t) => {
    const run = await kit(['reset', '-f', rig.inventoryPath, '--host', 'w2', '--yes']);
    assert.equal(run.exitCode, 0, run.stderr);
    await assertAsBefore(t, 'w2');
    const w2Address = rig.hosts.find((host) => host.name === 'w2')?.address ?? '';
    for (const host of ['cp1', 'w1']) {
      assert.equal(await onHost(host, 'systemctl is-active containerd kit-overlay | sort -u'), 'active');
      assert.doesNotMatch(await onHost(host, 'cat /etc/kit/overlay.json'), /"name": "w2"/u, `${host}'s overlay state still names w2`);
      assert.doesNotMatch(await onHost(host, 'bridge fdb show dev kit.vxlan'), new RegExp(`dst ${w2Address.replaceAll('.', '\\.')} `, 'u'), `${host} still has an FDB entry for w2`);
    }
    assert.equal((await onHost('cp1', 'ip route show dev kit.vxlan')).split('\n').filter((line) => line !== '').length, 1, 'cp1 should route to w1 only');
    const w1Vtep = await onHost('w1', "ip -o -4 addr show dev kit.vxlan | awk '{print $4}' | cut -d/ -f1");
    assert.match(await onHost('cp1', `ping -c1 -W2 ${w1Vtep} >/dev/null && echo reached`), /reached/u);
  });

  step('an unreachable host is reported by name, the others are still reset', async (t) => {
    await rig.run('w1', ['systemctl', 'stop', 'ssh.socket', 'ssh.service'], { allowFail: true });
    try {
      const run = await kit(['reset', '-f', rig.inventoryPath, '--all', '--yes']);
      assert.notEqual(run.exitCode, 0);
      assert.match(run.stderr, /w1/u);
      assert.match(run.stderr, /reset failed on 1 host\(s\): w1/u);
      await assertAsBefore(t, 'cp1');
      await assertAsBefore(t, 'w2');
      assert.equal(await onHost('w1', 'test -e /etc/kit/cluster && echo marker'), 'marker', 'w1 was touched while unreachable');
    } finally {
      await rig.run('w1', ['systemctl', 'start', 'ssh.service'], { allowFail: true });
    }
    const again = await kit(['reset', '-f', rig.inventoryPath, '--all', '--yes']);
    assert.equal(again.exitCode, 0, again.stderr);
    await assertAsBefore(t, 'w1');
  });

  step('a second reset finds nothing to remove and changes nothing', async (t) => {
    const run = await kit(['reset', '-f', rig.inventoryPath, '--all', '--yes']);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /nothing to remove/u);
    for (const host of rig.hosts) await assertAsBefore(t, host.name);
  });
});

describe(`${title}: one of three control planes`, { timeout: 3_600_000, skip: !isRoot }, () => {
  const step = stepper();
  const etcdctl = 'ETCDCTL_API=3 /usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key';
  before(async () => {
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'cp2', roles: ['control-plane'] }, { name: 'cp3', roles: ['control-plane'] }] });
    // The node-local API balancer needs haproxy, which the operator installs before kit: part of "before".
    const pool = new HostPool({ acceptNewHostKeys: false });
    try {
      const debs = await ensureHaproxyLibraryDebs();
      await Promise.all(rig.hosts.map(async (host) => installHaproxy(await pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath }), debs, '/usr/sbin/haproxy')));
    } finally {
      await pool.closeAll();
    }
    before0.clear();
    for (const host of rig.hosts) before0.set(host.name, await snapshot(host.name));
  });
  after(async () => {
    await rig?.stop();
  });

  step('applies a three-control-plane cluster', async (t) => {
    await applyCluster(t);
    assert.equal((await onHost('cp1', `${etcdctl} member list`)).split('\n').length, 3);
  });

  step('refuses to reset a control plane when etcd would lose its quorum, saying why', async () => {
    await rig.run('cp2', ['systemctl', 'stop', 'etcd.service']);
    try {
      const run = await kit(['reset', '-f', rig.inventoryPath, '--host', 'cp3', '--yes']);
      assert.equal(run.exitCode, 1, run.stderr);
      assert.match(run.stderr, /refusing to reset cp3: after removing cp3, 2 member\(s\) remain, 1 healthy, 2 needed for a quorum/u);
      assert.match(run.stderr, /--force/u);
      assert.equal(await onHost('cp3', 'systemctl is-active etcd'), 'active', 'a refused reset changed cp3');
    } finally {
      await rig.run('cp2', ['systemctl', 'start', 'etcd.service']);
    }
  });

  step('--host cp3: its member and Node go, cp3 is as before, cp1 and cp2 stay healthy', async (t) => {
    const run = await kit(['reset', '-f', rig.inventoryPath, '--host', 'cp3', '--yes']);
    assert.equal(run.exitCode, 0, run.stderr);
    await assertAsBefore(t, 'cp3');
    const members = await onHost('cp1', `${etcdctl} member list`);
    assert.equal(members.split('\n').length, 2, members);
    assert.doesNotMatch(members, /cp3/u);
    for (const host of ['cp1', 'cp2']) {
      assert.match(await onHost(host, `${etcdctl} endpoint health 2>&1`), /is healthy/u);
      assert.equal(await onHost(host, '/usr/local/bin/kubectl --kubeconfig=/etc/kubernetes/admin.conf get --raw=/readyz'), 'ok');
    }
    const nodes = await onHost('cp1', '/usr/local/bin/kubectl --kubeconfig=/etc/kubernetes/admin.conf get nodes -o name');
    assert.doesNotMatch(nodes, /cp3/u);
    assert.match(nodes, /node\/cp1/u);
  });
});
