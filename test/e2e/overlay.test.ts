import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { CNI_BIN_DIR, MASQUERADE_CHAIN, OVERLAY_DEVICE, OVERLAY_UNIT_NAME } from '../../src/cni/overlay-names.ts';
import { CNI_PLUGINS } from '../../src/cni/cni-conflist.ts';
import { planClusterOverlay } from '../../src/cni/overlay-cluster.ts';
import type { ClusterOverlayPlan } from '../../src/cni/overlay-cluster.ts';
import { applyOverlayPlan } from '../../src/cni/overlay-host.ts';
import { inspectCommands } from '../../src/cni/overlay-commands.ts';
import { parseFdb, parseNeighbours, parseRoutes } from '../../src/cni/overlay-parsers.ts';
import { HostPool } from '../../src/host/host-pool.ts';
import type { Host } from '../../src/host/host.ts';
import { MODULES_LOAD_PATH, SYSCTL_PATH, applySysctlCommand, loadModulesCommand, renderModulesLoad, renderSysctlConf } from '../../src/runtime/kernel-prereqs.ts';
import { debianBinaryPath, ensureDebianBinaries } from '../artifacts/debian-binaries.ts';
import type { DebianBinariesManifest } from '../artifacts/debian-binaries.ts';
import { startRig } from '../rig/rig.ts';
import type { Rig, RigHost } from '../rig/rig.ts';
import { addPod, deletePod, podPing, startPeerEcho, tcpAsk, unreachablePairs } from './support/pod-network.ts';
import type { TestPod } from './support/pod-network.ts';

const isRoot = process.getuid?.() === 0;
const CLUSTER = { clusterSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12', vni: 7, port: 4789 };

let rig: Rig;
let manifest: DebianBinariesManifest;
let pool: HostPool;
const hosts = new Map<string, Host>();
const pods = new Map<string, TestPod>();
const echoUnits: { host: string; unit: string }[] = [];

async function connect(rigHost: RigHost): Promise<Host> {
  const host = await pool.connect({ name: rigHost.name, address: rigHost.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath });
  hosts.set(rigHost.name, host);
  return host;
}

/** What the artifacts and runtime phases would have done: CNI plugins in /opt/cni/bin, forwarding on. */
async function prepare(host: Host): Promise<void> {
  await host.exec(['mkdir', '-p', CNI_BIN_DIR]);
  for (const plugin of CNI_PLUGINS) await host.upload(await readFile(debianBinaryPath(manifest, plugin)), `${CNI_BIN_DIR}/${plugin}`, { mode: 0o755 });
  await host.upload(renderModulesLoad(), MODULES_LOAD_PATH, { mode: 0o644 });
  await host.exec(loadModulesCommand());
  await host.upload(renderSysctlConf(), SYSCTL_PATH, { mode: 0o644 });
  await host.exec(applySysctlCommand());
}

/** Plans and applies the overlay on every connected host, as the overlay phase does. */
async function converge(): Promise<ClusterOverlayPlan> {
  const nodes = rig.hosts.map((rigHost) => ({ host: hosts.get(rigHost.name) as Host, address: rigHost.address }));
  const plan = await planClusterOverlay({ nodes, ...CLUSTER });
  for (const entry of plan.hosts) await applyOverlayPlan(entry.host, entry.plan);
  return plan;
}

async function entriesOn(host: Host): Promise<{ fdb: string[]; neighbours: string[]; routes: string[] }> {
  const commands = inspectCommands(OVERLAY_DEVICE);
  return {
    fdb: parseFdb((await host.exec(commands.fdb)).stdout).map((entry) => `${entry.mac} ${entry.dst ?? ''}`).sort(),
    neighbours: parseNeighbours((await host.exec(commands.neighbours)).stdout).map((entry) => `${entry.ip} ${entry.mac ?? ''}`).sort(),
    routes: parseRoutes((await host.exec(commands.routes)).stdout).map((entry) => `${entry.dst} via ${entry.via ?? ''}`).sort(),
  };
}

function stepsOf(plan: ClusterOverlayPlan, name: string): string[] {
  const entry = plan.hosts.find((candidate) => candidate.host.name === name);
  assert.ok(entry !== undefined, `no plan for ${name}`);
  return entry.plan.steps.map((step) => step.argv.join(' '));
}

async function expectPeers(plan: ClusterOverlayPlan): Promise<void> {
  for (const entry of plan.hosts) {
    const found = await entriesOn(entry.host);
    assert.deepEqual(found.fdb, entry.state.peers.map((peer) => `${peer.mac} ${peer.address}`).sort(), `${entry.host.name} FDB`);
    assert.deepEqual(found.neighbours, entry.state.peers.map((peer) => `${peer.vtep} ${peer.mac}`).sort(), `${entry.host.name} neighbours`);
    assert.deepEqual(found.routes, entry.state.peers.map((peer) => `${peer.podSubnet} via ${peer.vtep}`).sort(), `${entry.host.name} routes`);
  }
}

/** Drops every connection around a rig change that restarts or removes hosts, then reconnects. */
async function reconnectAll(change: () => Promise<void>): Promise<void> {
  await pool.closeAll();
  hosts.clear();
  await change();
  for (const rigHost of rig.hosts) await connect(rigHost);
  for (const [name, pod] of pods) {
    const host = hosts.get(pod.host.name);
    if (host !== undefined) pods.set(name, { ...pod, host });
  }
}

async function podOn(name: string, pod: string): Promise<TestPod> {
  const created = await addPod(hosts.get(name) as Host, pod);
  pods.set(pod, created);
  return created;
}

describe(isRoot ? 'VXLAN overlay on rig hosts' : 'VXLAN overlay on rig hosts (skipped: the rig needs root)', { skip: !isRoot, timeout: 1_200_000 }, () => {
  before(async () => {
    manifest = await ensureDebianBinaries();
    rig = await startRig({ hosts: 3, name: `e2e-overlay-${process.pid}` });
    pool = new HostPool({ acceptNewHostKeys: false, connectTimeoutMs: 5000 });
    for (const rigHost of rig.hosts) await prepare(await connect(rigHost));
  });

  after(async () => {
    for (const { host, unit } of echoUnits) await hosts.get(host)?.exec(['systemctl', 'stop', unit], { allowedExitCodes: [0, 1, 5] }).catch(() => undefined);
    for (const pod of pods.values()) await deletePod(pod).catch(() => undefined);
    await pool?.closeAll();
    await rig?.stop();
  });

  let firstPlan: ClusterOverlayPlan;

  it('builds the overlay on three hosts through kit-overlay.service, with disjoint /24s', async () => {
    firstPlan = await converge();
    assert.deepEqual([...firstPlan.subnets.subnets], [['node1', '10.244.0.0/24'], ['node2', '10.244.1.0/24'], ['node3', '10.244.2.0/24']]);
    assert.equal(firstPlan.mtu, 1450, 'rig veths have MTU 1500');
    assert.equal(firstPlan.cniVersion, '1.0.0', 'Debian bookworm plugins 1.1.1 speak CNI 1.0.0');
    for (const name of ['node1', 'node2', 'node3']) assert.ok(stepsOf(firstPlan, name).includes(`systemctl restart ${OVERLAY_UNIT_NAME}`));
    await expectPeers(firstPlan);
  });

  it('plans nothing on a second run', async () => {
    const again = await converge();
    for (const entry of again.hosts) assert.deepEqual(entry.plan.changes, [], `${entry.host.name} would change`);
  });

  it('lets every pod reach every other over the overlay (ICMP)', async () => {
    for (const [index, name] of ['node1', 'node2', 'node3'].entries()) await podOn(name, `pod${index + 1}`);
    assert.deepEqual(await unreachablePairs([...pods.values()]), []);
  });

  it('carries TCP between pods with the pod source address, and masquerades pod traffic to a node', async () => {
    const [pod1, pod2, pod3] = ['pod1', 'pod2', 'pod3'].map((name) => pods.get(name) as TestPod);
    assert.ok(pod1 !== undefined && pod2 !== undefined && pod3 !== undefined);
    echoUnits.push({ host: 'node1', unit: await startPeerEcho(pod1.host, 'pod1', 7000) });
    assert.equal(await tcpAsk(pod2.host, 'pod2', pod1.ip, 7000), pod2.ip, 'pod-to-pod keeps its address');
    assert.equal(await tcpAsk(pod3.host, 'pod3', pod1.ip, 7000), pod3.ip);
    const node1 = rig.hosts[0] as RigHost;
    echoUnits.push({ host: 'node1', unit: await startPeerEcho(pod1.host, undefined, 7001) });
    const node2Address = (rig.hosts[1] as RigHost).address;
    assert.equal(await tcpAsk(pod2.host, 'pod2', node1.address, 7001), node2Address, `${MASQUERADE_CHAIN} masquerades pod to node`);
  });

  it('passes the largest DF ping the MTU allows between pods and refuses one byte more', async () => {
    const [pod1, pod3] = [pods.get('pod1'), pods.get('pod3')];
    assert.ok(pod1 !== undefined && pod3 !== undefined);
    const largest = firstPlan.mtu - 28;
    const fits = await podPing(pod1, pod3.ip, { size: largest, dontFragment: true });
    assert.ok(fits.ok, `DF ping of ${largest} bytes failed: ${fits.output}`);
    const tooBig = await podPing(pod1, pod3.ip, { size: largest + 1, dontFragment: true });
    assert.ok(!tooBig.ok, `DF ping of ${largest + 1} bytes passed: ${tooBig.output}`);
  });

  it('teaches every old host a fourth one with three commands each, no restart', async () => {
    const [added] = await rig.addHosts([{ name: 'node4' }]);
    assert.ok(added !== undefined);
    await prepare(await connect(added));
    const plan = await converge();
    assert.equal(plan.subnets.subnets.get('node4'), '10.244.3.0/24');
    for (const name of ['node1', 'node2', 'node3']) {
      const steps = stepsOf(plan, name);
      assert.equal(steps.length, 3, `${name}: ${steps.join('; ')}`);
      assert.ok(steps.every((step) => step.includes('10.244.3.0') || step.includes(added.address)), `${name}: ${steps.join('; ')}`);
    }
    await expectPeers(plan);
    await podOn('node4', 'pod4');
    assert.deepEqual(await unreachablePairs([...pods.values()]), []);
  });

  it('makes every peer forget a removed host, and the rest keep talking', async () => {
    const node3 = firstPlan.hosts[0]?.state.peers.find((peer) => peer.name === 'node3');
    assert.ok(node3 !== undefined);
    const pod3 = pods.get('pod3');
    if (pod3 !== undefined) await deletePod(pod3);
    pods.delete('pod3');
    await reconnectAll(() => rig.removeHost('node3'));
    const plan = await converge();
    assert.equal(plan.subnets.subnets.get('node4'), '10.244.3.0/24', 'node4 keeps its subnet');
    assert.deepEqual(plan.subnets.released, ['node3']);
    for (const entry of plan.hosts) {
      assert.deepEqual(stepsOf(plan, entry.host.name), [
        `ip route del ${node3.podSubnet} dev kit.vxlan`,
        `ip neigh del ${node3.vtep} dev kit.vxlan`,
        `bridge fdb del ${node3.mac} dev kit.vxlan dst ${node3.address} self`,
      ], entry.host.name);
    }
    await expectPeers(plan);
    assert.deepEqual(await unreachablePairs([...pods.values()]), []);
  });

  it('brings the overlay of a rebooted host back by itself (kit-overlay.service)', async () => {
    const old = pods.get('pod2');
    assert.ok(old !== undefined);
    const bootedAt = async (): Promise<string> => (await (hosts.get('node2') as Host).exec(['ps', '-o', 'lstart=', '-p', '1'])).stdout.trim();
    const before = await bootedAt();
    await reconnectAll(() => rig.restart('node2'));
    const node2 = hosts.get('node2') as Host;
    assert.notEqual(await bootedAt(), before, 'node2 booted again');
    assert.doesNotMatch((await node2.exec(['ip', 'netns', 'list'])).stdout, /pod2/u, 'the reboot emptied the kernel state');
    const active = await node2.exec(['systemctl', 'is-active', OVERLAY_UNIT_NAME], { allowedExitCodes: [0, 3] });
    assert.equal(active.stdout.trim(), 'active');
    const nodes = rig.hosts.map((rigHost) => ({ host: hosts.get(rigHost.name) as Host, address: rigHost.address }));
    const plan = await planClusterOverlay({ nodes, ...CLUSTER });
    for (const entry of plan.hosts) assert.deepEqual(entry.plan.changes, [], `${entry.host.name} after the reboot`);
    // The reboot took pod2's namespace with it; a runtime would delete and recreate the sandbox.
    await deletePod(pods.get('pod2') ?? old);
    pods.delete('pod2');
    await podOn('node2', 'pod2b');
    assert.deepEqual(await unreachablePairs([...pods.values()]), []);
  });
});
