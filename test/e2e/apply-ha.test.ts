import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostPool } from '../../src/host/host-pool.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { runKit, type KitRun } from '../support/run-kit.ts';
import { kubectl, nodeReadiness, onHost, runningUnits } from './support/cluster-probes.ts';
import { ensureHaproxyLibraryDebs, installHaproxy } from './support/daemons-setup.ts';

const CONTROL_PLANES = ['cp1', 'cp2', 'cp3'];
const ALL = [...CONTROL_PLANES, 'w1', 'w2'];
let rig: Rig;

async function kit(args: readonly string[]): Promise<KitRun> {
  return runKit(args, { timeoutMs: 900_000 });
}

describe('kit apply builds 3 control planes + 2 workers behind node-local API load balancers (v1.20.2)', { timeout: 1_800_000 }, () => {
  before(async () => {
    rig = await startRig({ hosts: ALL.map((name) => ({ name, roles: [name.startsWith('cp') ? 'control-plane' : 'worker'] })) });
  });
  after(async () => {
    await rig?.stop();
  });

  it('refuses at preflight, changing nothing, while the hosts lack haproxy', async () => {
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 3, run.stderr);
    assert.match(run.stderr, /error FileExisting-haproxy on cp1, cp2, cp3, w1, w2: haproxy was not found on PATH\n\s+fix: Install it: apt-get install -y haproxy/u);
    assert.equal(await onHost(rig, 'cp1', 'ls /etc/kubernetes /etc/kit 2>/dev/null | wc -l'), '0');
  });

  it('with haproxy installed, forms a 3-member etcd and brings all 5 nodes Ready', async () => {
    // What `apt-get install haproxy` does on a real server; the rig's hosts have no network.
    const pool = new HostPool({ acceptNewHostKeys: false });
    try {
      const debs = await ensureHaproxyLibraryDebs();
      await Promise.all(rig.hosts.map(async (host) => installHaproxy(await pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath }), debs, '/usr/sbin/haproxy')));
    } finally {
      await pool.closeAll();
    }
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stderr, /\[etcd\] cp1: etcd founded a new etcd cluster/u);
    assert.match(run.stderr, /\[etcd\] cp2: etcd added as a member and started/u);
    assert.match(run.stderr, /\[etcd\] cp3: etcd added as a member and started/u);
    assert.deepEqual(await nodeReadiness(rig, 'cp1'), Object.fromEntries(ALL.map((name) => [name, 'True'])));
    const members = await onHost(rig, 'cp2', 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key member list');
    assert.equal(members.split('\n').filter((line) => line.includes(', started, ')).length, 3, members);
    for (const name of ALL) assert.match(await onHost(rig, name, 'grep -o "server: .*" /etc/kubernetes/kube-proxy.conf'), /server: https:\/\/127\.0\.0\.1:6443/u, `${name} reaches the API through its local balancer`);
    assert.match(run.stderr, /\[verify\] pod network: a pod on each of 5 node\(s\), 25\/25 node→pod pings answered/u);
  });

  it('with one API server stopped, every kubelet stays Ready and kubectl through the balancers keeps working', async () => {
    await rig.run('cp1', ['systemctl', 'stop', 'kube-apiserver']);
    try {
      // The node lifecycle controller marks a node NotReady 40 s after its last heartbeat.
      await sleep(50_000);
      for (const name of CONTROL_PLANES) {
        assert.deepEqual(await nodeReadiness(rig, name), Object.fromEntries(ALL.map((node) => [node, 'True'])), `kubectl on ${name} through its local balancer`);
      }
      assert.match(await kubectl(rig, 'cp1', 'get --raw=/readyz'), /^ok$/u, 'cp1\'s balancer forwards to a live API server');
    } finally {
      await rig.run('cp1', ['systemctl', 'start', 'kube-apiserver']);
    }
  });

  it('a second apply changes nothing and restarts no daemon', async () => {
    await sleep(10_000);
    const units = await runningUnits(rig, ALL);
    assert.equal(Object.keys(units).length, 3 * 9 + 2 * 5, Object.keys(units).join(', '));
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /no changes: every host already matches the inventory/u);
    assert.deepEqual(await runningUnits(rig, ALL), units, 'a daemon was restarted');
  });
});
