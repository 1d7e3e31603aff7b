import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { unitPath, unitName } from '../../src/bootstrap/daemons.ts';
import { ensureEtcdCluster, type EtcdMemberOutcome } from '../../src/bootstrap/etcd/ensure-etcd-cluster.ts';
import { etcdctlArgv } from '../../src/bootstrap/etcd/etcdctl.ts';
import { DaemonUnhealthyError } from '../../src/bootstrap/health/daemon-unhealthy-error.ts';
import { waitForDaemonsHealth } from '../../src/bootstrap/health/wait-for-health.ts';
import { convergeNode } from '../../src/bootstrap/install/converge-node.ts';
import { convergeNodes } from '../../src/bootstrap/install/converge-nodes.ts';
import { planNode } from '../../src/bootstrap/install/plan-node.ts';
import type { NodeReport } from '../../src/bootstrap/install/converge-node.ts';
import { checkHaproxy } from '../../src/bootstrap/lb/haproxy-check.ts';
import { KUBECONFIGS } from '../../src/bootstrap/paths.ts';
import type { ClusterSpec } from '../../src/bootstrap/spec/cluster-spec.ts';
import { buildPki } from '../../src/certs/build-pki.ts';
import type { Pki } from '../../src/certs/pki.ts';
import { deliverPki } from '../../src/certs/pki-delivery.ts';
import { HostPool } from '../../src/host/host-pool.ts';
import type { Host } from '../../src/host/host.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { CONTROL_PLANE_DAEMONS, CONTROL_PLANE_UNITS, convergeInputs, rigCluster, rigNode, rigPkiSpec, unitSnapshot, type RigNode } from './support/daemons-cluster.ts';
import { deliverBinaries, ensureHaproxyLibraryDebs, installHaproxy, rigBundle } from './support/daemons-setup.ts';

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'daemons on three real control planes (v1.20.2)' : 'daemons on three real control planes (skipped: the rig needs root)';
const BINARIES = ['etcd', 'etcdctl', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'];

let rig: Rig;
let pool: HostPool;
let nodes: RigNode[] = [];
let cluster: ClusterSpec;
let pki: Pki;
let etcd: EtcdMemberOutcome[] = [];

async function connectAll(): Promise<void> {
  await pool?.closeAll();
  pool = new HostPool({ acceptNewHostKeys: false });
  const hosts = await Promise.all(rig.hosts.map((host) => pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath })));
  nodes = hosts.map((host) => ({ host, node: rigNode(host) }));
}

function nodeNamed(name: string): RigNode {
  const found = nodes.find((entry) => entry.node.name === name);
  assert.ok(found !== undefined, name);
  return found;
}

async function converge(spec: ClusterSpec): Promise<NodeReport[]> {
  return convergeNodes({ nodes: convergeInputs(spec, nodes, etcd) });
}

async function kubectl(host: Host, ...args: string[]): Promise<string> {
  return (await host.exec([`${cluster.binDir}/kubectl`, `--kubeconfig=${KUBECONFIGS.admin}`, '--request-timeout=10s', ...args])).stdout;
}

/** GET over the rig network from this process, trusting only the generated cluster CA. */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Each step builds on the previous ones: after a failure the rest are skipped, not left to time out. */
let broken: string | undefined;
function step(name: string, body: (t: TestContext) => Promise<void>): void {
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
}

describe(title, { skip: !isRoot, timeout: 900_000 }, () => {
  before(async () => {
    const [bundle, debs] = await Promise.all([rigBundle(), ensureHaproxyLibraryDebs()]);
    rig = await startRig({ hosts: [{ name: 'cp1', roles: ['control-plane'] }, { name: 'cp2', roles: ['control-plane'] }, { name: 'cp3', roles: ['control-plane'] }] });
    await connectAll();
    cluster = rigCluster(nodes.map((entry) => entry.host));
    pki = await buildPki({ spec: rigPkiSpec(cluster) });
    await deliverPki(pki, { hosts: nodes.map((entry) => entry.host) });
    await Promise.all(nodes.map(async ({ host }) => {
      await deliverBinaries(host, bundle, BINARIES);
      await installHaproxy(host, debs, cluster.haproxyPath);
    }));
  });

  after(async () => {
    await pool?.closeAll();
    await rig?.stop();
  });

  step('finds haproxy runnable once its libraries are installed', async () => {
    for (const { host } of nodes) assert.match(await checkHaproxy(host, cluster.haproxyPath), /^HAProxy version 2\.6\./u);
  });

  step('forms a 3-member etcd cluster over TLS: the first member founds it, the others are added', async (t) => {
    const began = Date.now();
    etcd = await ensureEtcdCluster({ cluster, members: nodes });
    t.diagnostic(`etcd: ${etcd.map((outcome) => `${outcome.node} ${outcome.action} healthy after ${outcome.healthyAfterMs} ms`).join('; ')}; total ${Date.now() - began} ms`);
    assert.deepEqual(etcd.map((outcome) => outcome.action), ['created', 'added', 'added']);
    assert.deepEqual(etcd.map((outcome) => outcome.start.initialClusterState), ['new', 'existing', 'existing']);
    const { host } = nodeNamed('cp1');
    const endpoints = nodes.map((entry) => `https://${entry.node.ip}:2379`);
    const health = await host.exec(etcdctlArgv({ binDir: cluster.binDir, endpoints, client: 'healthcheck', args: ['endpoint', 'health'] }));
    const healthy = `${health.stdout}\n${health.stderr}`.split('\n').filter((line) => / is healthy: /u.test(line));
    assert.equal(healthy.length, 3, health.stderr);
    const members = await host.exec(etcdctlArgv({ binDir: cluster.binDir, endpoints, client: 'healthcheck', args: ['member', 'list'] }));
    assert.equal(members.stdout.trim().split('\n').filter((line) => line.includes(', started, ')).length, 3, members.stdout);
  });

  step('starts the control planes one by one; an API server answers /readyz with the generated CA', async (t) => {
    const reports = await converge(cluster);
    for (const report of reports) {
      t.diagnostic(`${report.host}: ${report.steps.map((step) => `${step.daemon} ${step.action} ${step.healthyAt - step.startedAt} ms`).join(', ')}`);
      assert.deepEqual([...report.started].sort(), ['kube-apiserver', 'kube-apiserver-lb', 'kube-controller-manager', 'kube-scheduler']);
    }
    const ca = pki.cas.get('ca')?.certPem ?? '';
    const ready = await httpsGet(`https://${nodeNamed('cp2').node.ip}:6443/readyz`, ca);
    assert.deepEqual(ready, { status: 200, body: 'ok' });
  });

  step('serves kubectl with the admin kubeconfig; controller-manager and scheduler hold their leases', async () => {
    const { host } = nodeNamed('cp1');
    const namespaces = (await kubectl(host, 'get', 'namespaces', '-o', 'name')).split('\n').sort();
    for (const name of ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']) assert.ok(namespaces.includes(name), namespaces.join(' '));
    let holders: Record<string, string> = {};
    for (let attempt = 0; attempt < 60 && Object.keys(holders).length < 2; attempt++) {
      if (attempt > 0) await sleep(1000);
      const out = await kubectl(host, '-n', 'kube-system', 'get', 'lease', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.holderIdentity}{"\\n"}{end}');
      holders = Object.fromEntries(out.split('\n').map((line) => line.split('=')).filter(([name, holder]) => (name === 'kube-controller-manager' || name === 'kube-scheduler') && (holder ?? '') !== ''));
    }
    assert.deepEqual(Object.keys(holders).sort(), ['kube-controller-manager', 'kube-scheduler']);
  });

  step('writes units that systemd-analyze verify accepts without a warning', async () => {
    for (const { host } of nodes) {
      const result = await host.exec(['systemd-analyze', 'verify', '--man=no', ...CONTROL_PLANE_DAEMONS.map(unitPath)], { allowedExitCodes: [0, 1] });
      assert.equal(result.exitCode, 0, `${host.name}: ${result.stderr}`);
      assert.equal(result.stderr.trim(), '', `${host.name}: ${result.stderr}`);
    }
  });

  step('changes, starts and restarts nothing when run again', async () => {
    const before = await unitSnapshot(nodes.map((entry) => entry.host));
    etcd = await ensureEtcdCluster({ cluster, members: nodes });
    assert.deepEqual(etcd.map((outcome) => outcome.action), ['present', 'present', 'present']);
    for (const input of convergeInputs(cluster, nodes, etcd)) assert.deepEqual(await planNode(input.host, input.files), { host: input.host.name, writes: [], start: [], changes: [] });
    const reports = await converge(cluster);
    for (const report of reports) {
      assert.deepEqual({ written: report.written, started: report.started, restarted: report.restarted, reloaded: report.reloaded },
        { written: [], started: [], restarted: [], reloaded: [] }, report.host);
    }
    assert.deepEqual(await unitSnapshot(nodes.map((entry) => entry.host)), before);
  });

  step('brings every daemon back by itself after a host restarts', async (t) => {
    const began = Date.now();
    await rig.restart('cp3');
    const booted = Date.now();
    await connectAll();
    const target = { ...nodeNamed('cp3'), cluster, hasKubectl: true };
    await waitForDaemonsHealth(target, CONTROL_PLANE_DAEMONS);
    t.diagnostic(`cp3 restarted in ${booted - began} ms; every daemon healthy ${Date.now() - booted} ms after sshd answered`);
    const states = await unitSnapshot([target.host]);
    for (const unit of CONTROL_PLANE_UNITS) assert.equal(states[`cp3/${unit}`]?.activeState, 'active', unit);
  });

  step('restarts only the API server for a changed API server flag, one control plane at a time', async (t) => {
    const hosts = nodes.map((entry) => entry.host);
    const before = await unitSnapshot(hosts);
    const audited = rigCluster(hosts, { auditLog: true });
    const [first] = convergeInputs(audited, nodes, etcd);
    assert.ok(first !== undefined);
    const plan = await planNode(first.host, first.files);
    assert.deepEqual(plan.changes.map((change) => `${change.daemon}:${change.action}`), ['kube-apiserver:restart']);
    const reports = await converge(audited);
    cluster = audited;
    const steps = reports.flatMap((report) => report.steps.filter((step) => step.action === 'restart'));
    t.diagnostic(steps.map((step) => `${step.host} ${step.daemon} restart→healthy ${step.healthyAt - step.startedAt} ms`).join('; '));
    assert.deepEqual(reports.map((report) => report.restarted), [['kube-apiserver'], ['kube-apiserver'], ['kube-apiserver']]);
    for (const [index, step] of steps.entries()) {
      const previous = steps[index - 1];
      if (previous !== undefined) assert.ok(step.startedAt >= previous.healthyAt, `${step.host} restarted before ${previous.host} was healthy`);
    }
    const afterwards = await unitSnapshot(hosts);
    for (const [key, state] of Object.entries(afterwards)) {
      const was = before[key];
      assert.ok(was !== undefined, key);
      if (key.endsWith(`/${unitName('kube-apiserver')}`)) {
        assert.notEqual(state.invocationId, was.invocationId, key);
      } else if (/\/kube-(controller-manager|scheduler)\.service$/u.test(key) && state.invocationId !== was.invocationId) {
        // A leader whose local API server went away exits and systemd restarts it (kubeadm's
        // static pods do the same); NRestarts tells that restart from a `systemctl restart`.
        assert.ok(state.restarts > was.restarts, `${key} was restarted, and not by systemd's Restart=`);
        t.diagnostic(`${key} exited while the local API server restarted; systemd started it again`);
      } else {
        assert.deepEqual(state, was, key);
      }
    }
  });

  step('keeps kubectl working through another node\'s haproxy while one API server is down', async () => {
    const down = nodeNamed('cp1');
    const client = nodeNamed('cp2');
    await down.host.exec(['systemctl', 'stop', unitName('kube-apiserver')]);
    try {
      for (let attempt = 0; attempt < 12; attempt++) {
        const out = await kubectl(client.host, 'get', 'namespace', 'kube-system', '-o', 'name');
        assert.equal(out.trim(), 'namespace/kube-system');
        await sleep(500);
      }
    } finally {
      await down.host.exec(['systemctl', 'start', unitName('kube-apiserver')]);
    }
    await waitForDaemonsHealth({ ...down, cluster, hasKubectl: true }, ['kube-apiserver']);
  });

  step('reports a daemon that cannot start with its host, unit, journal and the likely fix', async () => {
    const target = nodeNamed('cp3');
    const [input] = convergeInputs(cluster, [target], etcd);
    assert.ok(input !== undefined);
    const badFiles = input.files.map((file) => (file.path === unitPath('kube-scheduler') ? { ...file, content: file.content.replace('ExecStart=/usr/local/bin/kube-scheduler', 'ExecStart=/usr/local/bin/kube-scheduler --no-such-flag=1') } : file));
    const error = await convergeNode({ ...input, files: badFiles, healthTimeoutMs: 20_000 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError, String(error));
    assert.match(error.message, /^cp3: kube-scheduler\.service is not healthy: /u);
    // The scheduler prints its whole usage after the error: the telling line is found above the last 20.
    assert.match(error.failure.keyLine ?? '', /unknown flag: --no-such-flag/u);
    assert.match(error.message, /unknown flag: --no-such-flag/u);
    assert.ok(error.failure.journal.split('\n').length <= 20);
    assert.match(error.hint ?? '', /kube-scheduler does not accept --no-such-flag/u);
    const repaired = await convergeNode(input);
    assert.deepEqual(repaired.restarted, ['kube-scheduler']);
  });
});
