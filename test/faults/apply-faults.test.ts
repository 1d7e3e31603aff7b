import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostPool } from '../../src/host/host-pool.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { runKit } from '../support/run-kit.ts';
import { kubectl, nodeReadiness, onHost } from '../e2e/support/cluster-probes.ts';
import { ensureHaproxyLibraryDebs, installHaproxy } from '../e2e/support/daemons-setup.ts';
import { bootstrapTokens, dropSshSessions, readyMap, seconds } from './support/fault-actions.ts';
import { applyPhaseBoundaries, summariseKilledRun } from './support/phase-lines.ts';
import { startKit, type WatchedRun } from './support/watched-kit.ts';

// Runs on a loaded 2-core machine take up to four times as long as on an idle one.
const APPLY_TIMEOUT_MS = 1_200_000;
const ONE_AND_TWO = [{ name: 'cp1', roles: ['control-plane' as const] }, { name: 'w1', roles: ['worker' as const] }, { name: 'w2', roles: ['worker' as const] }];

async function apply(rig: Rig): Promise<WatchedRun> {
  return startKit(['apply', '-f', rig.inventoryPath], { timeoutMs: APPLY_TIMEOUT_MS }).done;
}

/** A converged cluster: apply exited 0, the named nodes are Ready, no bootstrap token is left. */
async function assertConverged(rig: Rig, run: WatchedRun, nodes: readonly string[]): Promise<void> {
  assert.equal(run.exitCode, 0, `the re-run did not converge:\n${run.stderr.slice(-6000)}`);
  assert.deepEqual(await nodeReadiness(rig, 'cp1'), readyMap(nodes));
  assert.equal(await bootstrapTokens(rig, 'cp1'), '', 'a bootstrap token is left');
}

/** The per-host entry of the closing HOSTS_FAILED error: `- host (phase x):` and the error under it. */
function failedBlock(stderr: string, host: string): string {
  const start = stderr.indexOf(`  - ${host} (phase `);
  return start < 0 ? `(no failure listed for ${host})` : stderr.slice(start).split('\n').slice(0, 2).map((line) => line.trim()).join(' ');
}

describe('kit apply killed (SIGKILL) at every phase boundary, run after run, converges (1 control plane + 2 workers)', { timeout: 5_400_000 }, () => {
  let rig: Rig | undefined;
  before(async () => {
    rig = await startRig({ hosts: ONE_AND_TWO });
  });
  after(async () => {
    await rig?.stop();
  });

  it('run k dies at phase k\'s title line; then a full apply exits 0, every node Ready, no token left, and the next apply changes nothing', async (t) => {
    assert.ok(rig !== undefined);
    const boundaries = applyPhaseBoundaries();
    assert.ok(boundaries.length >= 11, `APPLY_FLOW has only ${boundaries.length} phases`);
    for (const [k, boundary] of boundaries.entries()) {
      const kit = startKit(['apply', '-f', rig.inventoryPath], { timeoutMs: APPLY_TIMEOUT_MS });
      try {
        await kit.waitFor(boundary.titleLine);
      } finally {
        kit.kill();
      }
      const run = await kit.done;
      assert.equal(run.signal, 'SIGKILL', `run ${k} ended by itself (exit ${String(run.exitCode)}) instead of being killed`);
      const summary = summariseKilledRun(kit.output(), boundary.titleLine);
      t.diagnostic(`k=${k} killed at [${boundary.name}] after ${seconds(run.ms)}; work done: ${summary.applied.join(', ') || 'none'}; skipped: ${summary.skipped.join(', ') || 'none'}; last phase line: ${summary.lastLine}`);
      assert.deepEqual(summary.failed, [], `run ${k} reported failed hosts before the kill:\n${kit.output().slice(-4000)}`);
      assert.deepEqual([...summary.applied, ...summary.skipped].sort(), boundaries.slice(0, k).map((phase) => phase.name).sort(), `run ${k} did not finish every earlier phase`);
    }
    const full = await apply(rig);
    t.diagnostic(`full apply after the last kill: exit ${String(full.exitCode)} in ${seconds(full.ms)}`);
    await assertConverged(rig, full, ['cp1', 'w1', 'w2']);
    const again = await apply(rig);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.match(again.stdout, /no changes: every host already matches the inventory/u);
    t.diagnostic(`no-op apply: ${seconds(again.ms)}`);
  });
});

describe('faults on a fresh 1 control plane + 2 worker rig: a dropped SSH session, a host restarted during join', { timeout: 3_600_000 }, () => {
  let rig: Rig | undefined;
  before(async () => {
    rig = await startRig({ hosts: ONE_AND_TWO });
  });
  after(async () => {
    await rig?.stop();
  });

  it('w1\'s sshd session killed mid-artifacts: kit reconnects and finishes, or names w1 as failed while cp1 and w2 finish; a re-run converges', async (t) => {
    assert.ok(rig !== undefined);
    const kit = startKit(['apply', '-f', rig.inventoryPath], { timeoutMs: APPLY_TIMEOUT_MS });
    // The plan lines come just before the uploads start.
    await kit.waitFor(/^\S+ \[artifacts\] w1: /mu).catch((error: unknown) => {
      kit.kill();
      throw error;
    });
    const pids = await dropSshSessions(rig, 'w1');
    const droppedAt = /\n(\S+ \[[a-z-]+\] [^\n]*)\n?$/u.exec(kit.output())?.[1] ?? '?';
    const run = await kit.done;
    t.diagnostic(`killed sshd PIDs ${pids.join(', ')} on w1; kit's last line then: ${droppedAt}`);
    if (run.exitCode === 0) {
      t.diagnostic(`outcome: kit reconnected to w1 and finished (exit 0 in ${seconds(run.ms)}); its log: ${/[^\n]*SSH connection lost[^\n]*/u.exec(run.stderr)?.[0] ?? '(no reconnect line)'}`);
      assert.deepEqual(await nodeReadiness(rig, 'cp1'), readyMap(['cp1', 'w1', 'w2']));
    } else {
      t.diagnostic(`outcome: w1 reported as failed (exit ${String(run.exitCode)} in ${seconds(run.ms)}): ${failedBlock(run.stderr, 'w1')}`);
      assert.match(run.stderr, /^\S+ finished in [\d.]+ s with failures on: w1$/mu, run.stderr.slice(-4000));
      assert.match(run.stderr, /^error\[HOSTS_FAILED\]: apply failed on 1 host\(s\): w1 \(phase [a-z-]+\)$/mu);
      const readiness = await nodeReadiness(rig, 'cp1');
      assert.deepEqual({ cp1: readiness['cp1'], w2: readiness['w2'] }, readyMap(['cp1', 'w2']), `the other hosts did not finish: ${JSON.stringify(readiness)}`);
    }
    const rerun = await apply(rig);
    t.diagnostic(`re-run: exit ${String(rerun.exitCode)} in ${seconds(rerun.ms)}`);
    await assertConverged(rig, rerun, ['cp1', 'w1', 'w2']);
  });

  it('a new worker w3 restarted (rig.restart) while it joins: whatever that run does, a re-run converges', async (t) => {
    assert.ok(rig !== undefined);
    // The fresh cluster above has joined w1 and w2 already; a new worker gives the join phase work.
    await rig.addHosts([{ name: 'w3', roles: ['worker'] }]);
    const kit = startKit(['apply', '-f', rig.inventoryPath], { timeoutMs: APPLY_TIMEOUT_MS });
    // The token is signed just before the join's files land and the kubelet bootstraps.
    await kit.waitFor(/^\S+ \[join\] cp1: token discovery: /mu).catch((error: unknown) => {
      kit.kill();
      throw error;
    });
    const restartStarted = Date.now();
    await rig.restart('w3');
    const restartMs = Date.now() - restartStarted;
    const run = await kit.done;
    const outcome = run.exitCode === 0 ? 'succeeded' : `failed (exit ${String(run.exitCode)}; ${failedBlock(run.stderr, 'w3')})`;
    const reconnect = /[^\n]*w3: SSH connection lost[^\n]*/u.exec(run.stderr)?.[0] ?? 'no reconnect logged';
    t.diagnostic(`w3 restart took ${seconds(restartMs)}; the run ${outcome} after ${seconds(run.ms)} (${reconnect}); w3's join lines: ${run.stderr.split('\n').filter((line) => line.includes('[join] w3')).map((line) => line.replace(/^\S+ /u, '').slice(0, 160)).join(' | ')}`);
    if (run.exitCode !== 0) assert.match(run.stderr, /^error\[HOSTS_FAILED\]: apply failed on 1 host\(s\): w3 \(phase join\)$/mu, 'a failure names the restarted host only');
    const rerun = await apply(rig);
    t.diagnostic(`re-run: exit ${String(rerun.exitCode)} in ${seconds(rerun.ms)}`);
    await assertConverged(rig, rerun, ['cp1', 'w1', 'w2', 'w3']);
    assert.equal(await onHost(rig, 'w3', 'test -e /etc/kubernetes/bootstrap-kubelet.conf && echo present || echo gone'), 'gone');
  });

  it('kit killed mid-join once the new worker w4 has settled, before the token is deleted: the re-run leaves no bootstrap token', async (t) => {
    assert.ok(rig !== undefined);
    await rig.addHosts([{ name: 'w4', roles: ['worker'] }]);
    const kit = startKit(['apply', '-f', rig.inventoryPath], { timeoutMs: APPLY_TIMEOUT_MS });
    // The last join step before the token is deleted: the node is Ready and has its pod CIDR.
    await kit.waitFor(/^\S+ \[join\] w4: spec\.podCIDR set/mu).finally(() => kit.kill());
    const killed = await kit.done;
    const left = await bootstrapTokens(rig, 'cp1');
    t.diagnostic(`killed after ${seconds(killed.ms)}; tokens left by the killed run: ${left || 'none'}`);
    const rerun = await apply(rig);
    t.diagnostic(`re-run: exit ${String(rerun.exitCode)} in ${seconds(rerun.ms)}; its join: ${rerun.stderr.split('\n').filter((line) => line.includes('[join]')).map((line) => line.replace(/^\S+ /u, '')).join(' | ')}`);
    await assertConverged(rig, rerun, ['cp1', 'w1', 'w2', 'w3', 'w4']);
  });
});

const HA = ['cp1', 'cp2', 'cp3', 'w1'];

describe('a control plane stopped after init (3 control planes + 1 worker): the others keep serving, kit status names it', { timeout: 3_600_000 }, () => {
  let rig: Rig | undefined;
  before(async () => {
    rig = await startRig({ hosts: HA.map((name) => ({ name, roles: [name.startsWith('cp') ? 'control-plane' : 'worker'] })) });
    // Preflight wants haproxy for the node-local API balancers; the rig's hosts have no network.
    const pool = new HostPool({ acceptNewHostKeys: false });
    try {
      const debs = await ensureHaproxyLibraryDebs();
      const keyFile = rig.keyPath;
      const knownHostsFile = rig.knownHostsPath;
      await Promise.all(rig.hosts.map(async (host) => installHaproxy(await pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile, knownHostsFile }), debs, '/usr/sbin/haproxy')));
    } finally {
      await pool.closeAll();
    }
    const run = await apply(rig);
    assert.equal(run.exitCode, 0, `kit apply failed:\n${run.stderr.slice(-6000)}`);
  });
  after(async () => {
    await rig?.stop();
  });

  it('with kube-apiserver and etcd stopped on cp3, kubectl through cp1 works, writes land, and all nodes stay Ready after 50 s', async (t) => {
    assert.ok(rig !== undefined);
    assert.deepEqual(await nodeReadiness(rig, 'cp1'), readyMap(HA));
    await rig.run('cp3', ['systemctl', 'stop', 'kube-apiserver', 'etcd']);
    // A stopped kube-apiserver exits non-zero, so systemd may call it failed rather than inactive.
    assert.match(await onHost(rig, 'cp3', 'systemctl is-active kube-apiserver etcd'), /^(inactive|failed)\n(inactive|failed)$/u);
    // The node lifecycle controller marks a node NotReady 40 s after its last heartbeat.
    await sleep(50_000);
    assert.deepEqual(await nodeReadiness(rig, 'cp1'), readyMap(HA), 'kubectl through cp1');
    assert.deepEqual(await nodeReadiness(rig, 'cp2'), readyMap(HA), 'kubectl through cp2');
    assert.equal(await kubectl(rig, 'cp1', 'create configmap fault-probe --from-literal=written=while-cp3-is-down'), 'configmap/fault-probe created', 'etcd (2 of 3) takes writes');
    assert.equal(await kubectl(rig, 'cp2', "get configmap fault-probe -o jsonpath='{.data.written}'"), 'while-cp3-is-down');
    t.diagnostic('cp3: kube-apiserver and etcd stopped; nodes Ready through cp1 and cp2 after 50 s; a write through cp1 read back through cp2');
  });

  it('kit status exits 6 and names cp3 with its stopped units, and only cp3', async (t) => {
    assert.ok(rig !== undefined);
    const run = await runKit(['status', '-f', rig.inventoryPath], { timeoutMs: 300_000 });
    t.diagnostic(`kit status (exit ${run.exitCode}):\n${run.stdout}`);
    assert.equal(run.exitCode, 6, run.stdout + run.stderr);
    assert.match(run.stdout, /^ {2}cp3: kube-apiserver is (inactive|failed) /mu);
    assert.match(run.stdout, /^ {2}cp3: etcd is (inactive|failed) /mu);
    assert.match(run.stdout, /^cp3 +control-plane +ok +7\/9 up /mu);
    for (const name of ['cp1', 'cp2']) assert.match(run.stdout, new RegExp(`^${name} +control-plane +ok +(\\d+)/\\1 up +Ready `, 'mu'), `${name} is reported up`);
    const down = /^down \(\d+\):\n((?: {2}.*\n)+)/mu.exec(run.stdout)?.[1]?.trimEnd().split('\n') ?? [];
    assert.ok(down.length > 0 && down.every((line) => line.includes('cp3')), `a finding does not name cp3:\n${down.join('\n')}`);
  });
});
