import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { startRig, type Rig } from '../rig/rig.ts';
import { runKit, type KitRun } from '../support/run-kit.ts';

interface StatusJson {
  readonly type: string;
  readonly cluster: string;
  readonly hosts: readonly { name: string; reachable: boolean; units: { name: string; state: string; up: boolean }[]; node?: { ready: boolean; kubeletVersion: string; podCidr?: string; roles: string[] }; etcd?: { member: boolean }; certs?: { soonest?: { residualSeconds?: number } } }[];
  readonly down: readonly { host?: string; text: string }[];
  readonly warnings: readonly { host?: string; text: string }[];
}

let rig: Rig;
let workDir: string;

function statusJson(run: KitRun): StatusJson {
  const line = run.stdout.split('\n').find((candidate) => candidate.includes('"type":"result"'));
  assert.ok(line !== undefined, `no result line in:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as StatusJson;
}

/**
 * `kit kubeconfig` without --merge prints a private key: run it outside runKit, whose captured
 * output the secrets check scans; the output goes only into this test's memory.
 */
function printedKubeconfig(args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '..', '..', 'bin', 'kit.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

describe('kit status and kit kubeconfig on a 1 control plane + 1 worker cluster built by kit apply', { timeout: 1_800_000 }, () => {
  before(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'kit-status-e2e-'));
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'w1', roles: ['worker'] }] });
    const apply = await runKit(['apply', '-f', rig.inventoryPath], { timeoutMs: 1_200_000 });
    assert.equal(apply.exitCode, 0, `kit apply failed:\n${apply.stderr.slice(-4000)}`);
  });
  after(async () => {
    await rig?.stop();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  });

  it('shows every unit up, both nodes Ready, the etcd member and a year of certificates; exits 0', async () => {
    const run = await runKit(['status', '-f', rig.inventoryPath, '-o', 'json']);
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const status = statusJson(run);
    assert.equal(status.cluster, rig.name);
    assert.deepEqual(status.down, []);
    assert.deepEqual(status.warnings, [], 'a freshly built cluster has nothing to warn about');
    assert.deepEqual(status.hosts.map((host) => host.name), ['cp1', 'w1']);
    const [cp1, w1] = status.hosts;
    assert.deepEqual(cp1?.units.map((unit) => `${unit.name}=${unit.state}`), ['containerd', 'kit-overlay', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'].map((name) => `${name}=active`));
    assert.deepEqual(w1?.units.map((unit) => `${unit.name}=${unit.state}`), ['containerd', 'kit-overlay', 'kubelet', 'kube-proxy'].map((name) => `${name}=active`));
    for (const host of status.hosts) {
      assert.ok(host.units.every((unit) => unit.up), `${host.name}: ${JSON.stringify(host.units)}`);
      assert.equal(host.node?.ready, true, `${host.name} Node: ${JSON.stringify(host.node)}`);
      assert.equal(host.node?.kubeletVersion, 'v1.20.2');
      assert.match(host.node?.podCidr ?? '', /^198\.19\.\d+\.0\/24$/u);
      assert.ok((host.certs?.soonest?.residualSeconds ?? 0) > 300 * 86_400, `${host.name} certificates: ${JSON.stringify(host.certs)}`);
    }
    assert.deepEqual(cp1?.node?.roles, ['control-plane']);
    assert.equal(cp1?.etcd?.member, true);
    const text = await runKit(['status', '-f', rig.inventoryPath]);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^cp1 +control-plane +ok +8\/8 up +Ready +v1\.20\.2 +198\.19\.\d+\.0\/24 +member +3\d\dd /mu);
    assert.match(text.stdout, /^w1 +worker +ok +4\/4 up +Ready +v1\.20\.2 /mu);
    assert.match(text.stdout, /all 2 hosts up/u);
    assert.ok(text.stdout.split('\n').length < 10, `not a glance:\n${text.stdout}`);
  });

  it('kit kubeconfig --merge writes a 0600 file kubectl uses, keeps other entries, and prints the same credentials', async () => {
    const target = path.join(workDir, 'kube', 'config');
    const other = 'apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: {server: "https://203.0.113.1:6443"}\nusers:\n- name: other\n  user: {token: x}\ncontexts:\n- name: other\n  context: {cluster: other, user: other}\ncurrent-context: other\n';
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, other, { mode: 0o644 });
    const merge = await runKit(['kubeconfig', '-f', rig.inventoryPath, '--merge', target]);
    assert.equal(merge.exitCode, 0, merge.stderr);
    assert.match(merge.stdout, /merged into .*: cluster \S+ added, user \S+-admin added, context \S+ added\ncurrent-context: other\n/u);
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    const config = parse(await readFile(target, 'utf8')) as { contexts: { name: string }[]; clusters: { name: string; cluster: { server: string } }[] };
    assert.deepEqual(config.contexts.map((entry) => entry.name), ['other', rig.name]);
    const server = config.clusters.find((entry) => entry.name === rig.name)?.cluster.server;
    assert.match(server ?? '', /^https:\/\/198\.18\.\d+\.\d+:6443$/u);
    const again = await runKit(['kubeconfig', '-f', rig.inventoryPath, '--merge', target]);
    assert.match(again.stdout, /already up to date; nothing written/u);

    const merged = await readFile(target, 'utf8');
    await rig.run('cp1', ['sh', '-c', 'umask 077 && cat > /root/operator.conf'], { stdin: merged });
    const nodes = await rig.run('cp1', ['kubectl', '--kubeconfig', '/root/operator.conf', '--context', rig.name, 'get', 'nodes', '-o', 'name'], { allowFail: true });
    assert.equal(nodes.stdout.trim(), 'node/cp1\nnode/w1', nodes.stderr);
    const local = spawnSync('kubectl', ['--kubeconfig', target, '--context', rig.name, '--request-timeout=20s', 'get', 'nodes', '-o', 'name'], { encoding: 'utf8', timeout: 60_000 });
    if (local.error === undefined) assert.equal(local.stdout.trim(), 'node/cp1\nnode/w1', `kubectl on this machine: ${local.stderr}`);

    const printed = await printedKubeconfig(['kubeconfig', '-f', rig.inventoryPath]);
    assert.equal(printed.exitCode, 0, printed.stderr);
    assert.match(printed.stderr, /read from cp1; server https:\/\/198\.18\.\d+\.\d+:6443: the only control plane, cp1/u);
    const standalone = parse(printed.stdout) as { 'current-context': string; users: { user: Record<string, string> }[] };
    assert.equal(standalone['current-context'], rig.name);
    const mergedUser = (parse(merged) as { users: { name: string; user: Record<string, string> }[] }).users.find((entry) => entry.name === `${rig.name}-admin`);
    assert.ok(mergedUser !== undefined && standalone.users[0]?.user['client-key-data'] === mergedUser.user['client-key-data'], 'printed and merged credentials differ');
  });

  it('names kube-apiserver on cp1 as down and exits 6 when it is stopped', async () => {
    await rig.run('cp1', ['systemctl', 'stop', 'kube-apiserver']);
    const run = await runKit(['status', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 6, run.stdout + run.stderr);
    // Without their API server the controller manager and scheduler exit too, unless systemd has just restarted them.
    assert.match(run.stdout, /^cp1 +control-plane +ok +[0-7]\/8 up /mu);
    // systemd calls it failed: kube-apiserver exits non-zero on SIGTERM.
    assert.match(run.stdout, /^ {2}cp1: kube-apiserver is (inactive \(dead\)|failed \(failed\))$/mu);
    assert.match(run.stderr, /error\[CLUSTER_DEGRADED\]: \d+ thing\(s\) down:\n(.*\n)*.*cp1: kube-apiserver is (inactive|failed)/u);
    const json = statusJson(await runKit(['status', '-f', rig.inventoryPath, '-o', 'json']));
    assert.ok(json.down.some((finding) => finding.host === 'cp1' && /^kube-apiserver is (inactive|failed)/u.test(finding.text)), JSON.stringify(json.down));
  });

  it('shows a host whose SSH is gone as a DOWN row and still reports the others', async () => {
    await rig.run('w1', ['systemctl', 'stop', 'ssh.service', 'ssh.socket'], { allowFail: true });
    const run = await runKit(['status', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 6, run.stdout + run.stderr);
    assert.match(run.stdout, /^w1 +worker +DOWN +- /mu);
    assert.match(run.stdout, /^ {2}w1: unreachable over SSH: /mu);
    assert.match(run.stdout, /^cp1 +control-plane +ok /mu);
  });
});
