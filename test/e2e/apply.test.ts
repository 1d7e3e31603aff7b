import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { startRig, type Rig } from '../rig/rig.ts';
import { TmuxTerminal } from './support/tmux-terminal.ts';
import { runKit, type KitRun } from '../support/run-kit.ts';

let rig: Rig;
const outputs: KitRun[] = [];

async function kit(args: readonly string[]): Promise<KitRun> {
  const run = await runKit(args, { timeoutMs: 300_000 });
  outputs.push(run);
  return run;
}

async function onHost(host: string, script: string): Promise<string> {
  const result = await rig.run(host, ['sh', '-c', script], { allowFail: true });
  return result.stdout.trim();
}

describe('kit apply on rig hosts (phases so far: preflight, prepare, certs, artifacts, runtime, overlay)', { timeout: 900_000 }, () => {
  before(async () => {
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'w1', roles: ['worker'] }, { name: 'w2', roles: ['worker'] }] });
  });
  after(async () => {
    await rig?.stop();
  });

  it('plans per host in a dry run and changes nothing', async () => {
    const run = await kit(['apply', '-f', rig.inventoryPath, '--dry-run']);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stderr, /\[certs\] cp1: write \/etc\/kubernetes\/pki\/ca\.crt; write \/etc\/kubernetes\/pki\/ca\.key/u);
    assert.match(run.stderr, /\[certs\] w1: write \/etc\/kubernetes\/pki\/ca\.crt; write \/etc\/kubernetes\/kube-proxy\.conf\n/u);
    assert.match(run.stdout, /dry run: nothing was changed/u);
    for (const host of rig.hosts) {
      assert.equal(await onHost(host.name, 'find /etc/kubernetes /etc/kit /usr/local/bin /opt/cni /etc/containerd -type f 2>/dev/null | wc -l'), '0', `${host.name} was changed by a dry run`);
    }
  });

  it('applies: the marker, sysctls and the PKI land on the right hosts with safe modes', async () => {
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, run.stderr);
    for (const host of rig.hosts) {
      assert.equal(await onHost(host.name, 'sed -n 2p /etc/kit/cluster'), rig.name);
      assert.equal(await onHost(host.name, 'cat /proc/sys/net/ipv4/ip_forward'), '1');
    }
    const keyModes = await onHost('cp1', 'stat -c "%a %U %n" /etc/kubernetes/pki/ca.key /etc/kubernetes/pki/sa.key /etc/kubernetes/pki/etcd/ca.key /etc/kubernetes/admin.conf');
    assert.deepEqual(keyModes.split('\n').map((line) => line.split(' ').slice(0, 2).join(' ')), ['600 root', '600 root', '600 root', '600 root']);
    assert.equal(await onHost('w1', 'ls /etc/kubernetes/pki/ca.key 2>/dev/null | wc -l'), '0', 'a CA key reached a worker');
    const verify = await onHost('cp1', 'cd /etc/kubernetes/pki && openssl verify -CAfile ca.crt apiserver.crt && openssl verify -CAfile etcd/ca.crt etcd/server.crt');
    assert.equal(verify, 'apiserver.crt: OK\netcd/server.crt: OK');
  });

  it('installs the runtime and the overlay: containerd runs, every node has its own pod subnet and reaches the others', async () => {
    const subnets: string[] = [];
    for (const host of rig.hosts) {
      assert.equal(await onHost(host.name, 'systemctl is-active containerd kit-overlay | sort -u'), 'active');
      assert.match(await onHost(host.name, '/usr/local/bin/ctr -n k8s.io images ls -q'), /pause:3\.2/u);
      const vtep = await onHost(host.name, "ip -o -4 addr show dev kit.vxlan | awk '{print $4}'");
      assert.match(vtep, /^198\.19\.\d+\.0\/32$/u);
      subnets.push(vtep);
    }
    assert.equal(new Set(subnets).size, rig.hosts.length, `pod subnets overlap: ${subnets.join(', ')}`);
    for (const vtep of subnets.slice(1)) {
      assert.match(await onHost('cp1', `ping -c1 -W2 ${vtep.replace('/32', '')} >/dev/null && echo reached`), /reached/u);
    }
  });

  it('on a terminal draws a task per phase and a row per host (listr2)', async (t) => {
    const terminal = TmuxTerminal.start({
      socket: `kit-apply-${process.pid}`,
      argv: [process.execPath, 'bin/kit.js', 'apply', '-f', rig.inventoryPath, '--dry-run'],
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      env: {},
      columns: 120,
      rows: 60,
    });
    try {
      assert.equal(await terminal.exitCode(120_000), 0);
      const screen = terminal.history();
      t.diagnostic(screen.split('\n').filter((line) => line.trim() !== '').join('\n'));
      for (const phase of ['preflight', 'prepare', 'certs', 'artifacts', 'runtime', 'overlay']) assert.match(screen, new RegExp(`✔ ${phase}`, 'u'));
      assert.match(screen, /✔ certs: (no changes|dry run)\n\s+✔ cp1\n\s+✔ w1\n\s+✔ w2/u);
      assert.match(screen, /dry run: nothing was changed/u);
    } finally {
      terminal.kill();
    }
  });

  it('a second apply changes nothing and says so', async () => {
    const before = await onHost('cp1', 'stat -c %Y /etc/kubernetes/pki/apiserver.crt');
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /no changes: every host already matches the inventory/u);
    assert.match(run.stderr, /\[prepare\] skipped: no changes/u);
    for (const phase of ['certs', 'artifacts', 'runtime', 'overlay']) assert.match(run.stderr, new RegExp(`\\[${phase}\\] skipped: no changes`, 'u'));
    assert.equal(await onHost('cp1', 'stat -c %Y /etc/kubernetes/pki/apiserver.crt'), before);
  });

  it('refuses to touch a host holding another cluster\'s files, naming the host and the fix', async () => {
    await rig.run('w2', ['sh', '-c', 'printf "# managed by kit\\nsomeone-else\\n" > /etc/kit/cluster']);
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 3);
    assert.match(run.stderr, /error DirAvailable--etc-kubernetes on w2: /u);
    assert.match(run.stderr, /fix: /u);
    await rig.run('w2', ['sh', '-c', `printf "# managed by kit\\n${rig.name}\\n" > /etc/kit/cluster`]);
  });

  it('never prints key material or the CA key in any output', () => {
    const everything = outputs.map((run) => run.stdout + run.stderr).join('\n');
    assert.ok(everything.length > 1000, 'the runs printed too little to be meaningful');
    assert.doesNotMatch(everything, /PRIVATE KEY|client-key-data/u);
  });
});
