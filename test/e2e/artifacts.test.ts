import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArtifactChecksumError } from '../../src/artifacts/artifact-errors.ts';
import { componentVersions } from '../../src/artifacts/component-versions.ts';
import { deliverArtifacts, type DeliveryProgress, type DeliveryReport } from '../../src/artifacts/deliver-artifacts.ts';
import { artifactsForHost, type HostArtifacts } from '../../src/artifacts/host-artifacts.ts';
import { importImages, type ImportReport } from '../../src/artifacts/import-images.ts';
import { loadArtifacts } from '../../src/artifacts/load-artifacts.ts';
import { connectHost } from '../../src/host/connect-host.ts';
import type { Host } from '../../src/host/host.ts';
import type { ArtifactsConfig, HostRole } from '../../src/inventory/inventory.ts';
import { loadInventory } from '../../src/inventory/load-inventory.ts';
import { chooseCgroupDriver } from '../../src/runtime/cgroup-driver.ts';
import { parseContainerdVersion } from '../../src/runtime/containerd-version.ts';
import { runtimeFiles } from '../../src/runtime/runtime-files.ts';
import { applyRuntimePlan, probeRuntime, readRuntimeHost } from '../../src/runtime/runtime-host.ts';
import { planRuntime, type RuntimePlan } from '../../src/runtime/runtime-plan.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.ts';
import { RIG_BUSYBOX_IMAGE, RIG_KUBERNETES_VERSION, copyBundleWithCorruptFile, ensureRigBundle, type RigBundle } from '../support/rig-bundle.ts';
import { ensureRigMirror } from '../support/rig-mirror.ts';

interface Node {
  readonly host: Host;
  readonly roles: readonly HostRole[];
}

interface InstallRun {
  readonly reports: readonly DeliveryReport[];
  readonly imports: readonly ImportReport[];
  readonly plans: readonly RuntimePlan[];
  readonly selections: readonly HostArtifacts[];
  readonly ms: number;
  /** Milliseconds per step: verify + deliver, runtime, images. */
  readonly steps: string;
}

const VERSIONS = componentVersions(RIG_KUBERNETES_VERSION);
/** Everything kit writes for artifacts and the runtime: a listing of these shows any new file. */
const WATCHED = ['/usr/local/bin', '/usr/local/sbin', '/opt/cni', '/var/lib/kit', '/etc/containerd', '/etc/systemd/system/containerd.service'];

let rig: Rig;
let bundle: RigBundle;
let mirror: MirrorServer;
let nodes: Node[] = [];
let work: string;

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const mib = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/** Paths, sizes and modes of every file under WATCHED: equal listings mean nothing was installed. */
async function listing(host: Host): Promise<string> {
  const script = 'find "$@" -xdev \\( -type f -o -type l \\) -printf "%p %s %m\\n" 2>/dev/null | sort; true';
  return (await host.exec(['sh', '-c', script, 'list', ...WATCHED])).stdout;
}

/** What a flow does: load and verify the artifacts, then deliver to every host. */
async function deliverAll(config: ArtifactsConfig, progress: DeliveryProgress[] = []): Promise<{ reports: DeliveryReport[]; selections: HostArtifacts[] }> {
  const loaded = await loadArtifacts(config, { kubernetesVersion: RIG_KUBERNETES_VERSION, arch: 'amd64' });
  const selections = nodes.map((node) => artifactsForHost(loaded.bundle, node.roles, { exclude: loaded.exclude }));
  const onProgress = (event: DeliveryProgress): void => { progress.push(event); };
  const reports = await Promise.all(nodes.map((node, index) => deliverArtifacts(node.host, selections[index]?.files ?? [], { onProgress })));
  return { reports, selections };
}

/** containerd config and unit from src/runtime, with what the probe found (cgroupfs and restrict_oom_score_adj here). */
async function configureRuntime(host: Host): Promise<RuntimePlan> {
  const probe = await probeRuntime(host);
  assert.ok(probe.containerdVersion !== undefined, `${host.name}: containerd --version printed nothing`);
  const files = runtimeFiles({
    containerdVersion: parseContainerdVersion(probe.containerdVersion),
    cgroupDriver: chooseCgroupDriver(probe).driver,
    sandboxImage: `${VERSIONS.imageRepository}/pause:${VERSIONS.pause}`,
    restrictOomScoreAdj: probe.restrictOomScoreAdj,
    cniBinDir: '/opt/cni/bin',
    cniConfDir: '/etc/cni/net.d',
  });
  const plan = planRuntime(files, await readRuntimeHost(host, files));
  await applyRuntimePlan(host, plan);
  return plan;
}

async function installFromBundle(progress: DeliveryProgress[] = []): Promise<InstallRun> {
  const started = Date.now();
  const { reports, selections } = await deliverAll({ source: 'bundle', path: bundle.dir, cacheDir: path.join(work, 'cache') }, progress);
  const delivered = Date.now();
  const plans = await Promise.all(nodes.map((node) => configureRuntime(node.host)));
  const configured = Date.now();
  const imports = await Promise.all(nodes.map((node, index) => importImages(node.host, selections[index]?.images ?? [])));
  const steps = `verify+deliver ${delivered - started} ms, runtime ${configured - delivered} ms, images ${Date.now() - configured} ms`;
  return { reports, imports, plans, selections, ms: Date.now() - started, steps };
}

async function containerdState(host: Host): Promise<string> {
  return (await host.exec(['systemctl', 'show', 'containerd.service', '-p', 'MainPID', '-p', 'ActiveEnterTimestampMonotonic', '--value'])).stdout.trim();
}

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'artifacts on 3 rig hosts' : 'artifacts on 3 rig hosts (skipped: the rig needs root)';

describe(title, { skip: !isRoot, timeout: 15 * 60_000 }, () => {
  let first: InstallRun;

  before(async () => {
    bundle = await ensureRigBundle();
    mirror = await startMirrorServer(await ensureRigMirror(bundle));
    work = await mkdtemp(path.join(path.dirname(bundle.dir), '.e2e-'));
    rig = await startRig({ hosts: 3, bundlePath: bundle.dir });
    const inventory = await loadInventory(rig.inventoryPath);
    nodes = await Promise.all(inventory.hosts.map(async (entry) => ({ host: await connectHost(entry.ssh, { acceptNewHostKeys: false }), roles: entry.roles })));
  });

  after(async () => {
    await Promise.all(nodes.map((node) => node.host.close()));
    await rig?.stop();
    await mirror?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('refuses a bundle with one corrupted file, naming it, and installs nothing', async () => {
    const before = await Promise.all(nodes.map((node) => listing(node.host)));
    assert.ok(before.every((text) => !text.includes('/usr/local/bin/kubelet')), 'the hosts already have kubelet');
    const corrupted = path.join(work, 'corrupted-bundle');
    await copyBundleWithCorruptFile(bundle, corrupted, 'kubelet');
    const error = await deliverAll({ source: 'bundle', path: corrupted, cacheDir: path.join(work, 'cache') }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ArtifactChecksumError, String(error));
    assert.deepEqual(error.mismatches.map((bad) => bad.file), ['kubelet']);
    assert.match(error.message, /kubelet \(bin\/kubelet\): expected sha256/);
    assert.deepEqual(await Promise.all(nodes.map((node) => listing(node.host))), before);
    assert.equal(sum(nodes.map((node) => node.host.stats().bytesSent)), 0);
  });

  it('refuses a mirror whose published sum is wrong, naming the file, and caches and installs nothing', async () => {
    const before = await Promise.all(nodes.map((node) => listing(node.host)));
    const cacheDir = path.join(work, 'bad-mirror-cache');
    mirror.overrides.set(`/dl.k8s.io/release/${RIG_KUBERNETES_VERSION}/bin/linux/amd64/kube-proxy.sha256`, `${'0'.repeat(64)}\n`);
    try {
      const error = await deliverAll({ source: 'download', mirror: mirror.url, cacheDir }).then(() => undefined, (caught: unknown) => caught);
      assert.ok(error instanceof ArtifactChecksumError, String(error));
      assert.equal(error.mismatches[0]?.file, 'kube-proxy');
      assert.match(error.message, new RegExp(`${mirror.url}/dl\\.k8s\\.io/.+/kube-proxy`));
    } finally {
      mirror.overrides.clear();
    }
    const cached = await readdir(cacheDir, { recursive: true });
    assert.ok(!cached.some((file) => file.endsWith('kube-proxy') || file.includes('.part-') || file.endsWith('manifest.json')), cached.join(' '));
    assert.deepEqual(await Promise.all(nodes.map((node) => listing(node.host))), before);
  });

  it('installs every artifact from the bundle on hosts that lack them, byte for byte', async (t) => {
    const progress: DeliveryProgress[] = [];
    first = await installFromBundle(progress);
    t.diagnostic(`first run: ${first.ms} ms (${first.steps}), ${first.reports.map((report) => `${report.host} ${mib(report.bytesSent)} (${report.sent.length} files)`).join(', ')}`);
    for (const [index, node] of nodes.entries()) {
      const files = first.selections[index]?.files ?? [];
      assert.equal(first.reports[index]?.sent.length, files.length, `${node.host.name} did not get every file`);
      assert.equal(first.reports[index]?.bytesSent, sum(files.map((file) => file.size)));
      const sums = await node.host.exec(['sha256sum', '--', ...files.map((file) => file.remotePath)]);
      const modes = await node.host.exec(['stat', '-c', '%n %a %U:%G', '--', ...files.map((file) => file.remotePath)]);
      assert.deepEqual(sums.stdout.trim().split('\n'), files.map((file) => `${file.sha256}  ${file.remotePath}`));
      assert.deepEqual(modes.stdout.trim().split('\n'), files.map((file) => `${file.remotePath} ${file.mode.toString(8)} root:root`));
      const names = files.map((file) => file.name);
      const controlPlane = node.roles.includes('control-plane');
      assert.equal(names.includes('kube-apiserver'), controlPlane, node.host.name);
      assert.equal(names.includes('etcd'), controlPlane, node.host.name);
      assert.ok(['kubelet', 'kube-proxy', 'containerd', 'containerd-shim-runc-v2', 'ctr', 'runc', 'bridge', 'host-local', 'portmap', 'loopback', 'pause'].every((name) => names.includes(name)));
    }
    assert.ok(first.imports.every((report) => report.imported.includes('k8s.gcr.io/pause:3.2') && report.imported.includes(RIG_BUSYBOX_IMAGE)));
    // What a progress bar needs: per host, a sending/sent pair per file, ending at the total.
    for (const report of first.reports) {
      const events = progress.filter((event) => event.host === report.host);
      assert.equal(events.length, report.sent.length * 2);
      assert.deepEqual(events.at(-1), { host: report.host, file: report.sent.at(-1), state: 'sent', bytesDone: report.bytesSent, bytesTotal: report.bytesSent });
    }
  });

  it('runs a real container under containerd from an image imported from the bundle', async () => {
    for (const [index, node] of nodes.entries()) {
      const config = (await node.host.download('/etc/containerd/config.toml'))?.toString('utf8') ?? '';
      assert.match(config, /restrict_oom_score_adj = true/, `${node.host.name}: the probe should find oom_score_adj cannot be lowered here`);
      assert.match(config, /SystemdCgroup = false/, `${node.host.name}: the rig needs the cgroupfs driver`);
      assert.ok(first.plans[index]?.changes.some((change) => change.startsWith('restart containerd')));
      const run = await node.host.exec(['ctr', '-n', 'k8s.io', 'run', '--rm', RIG_BUSYBOX_IMAGE, `t1-${node.host.name}`, 'echo', 'hello'], { timeoutMs: 60_000 });
      assert.equal(run.stdout.trim(), 'hello', `${node.host.name}: ${run.stderr}`);
    }
  });

  it('a second run uploads 0 bytes and restarts nothing', async (t) => {
    const containerd = await Promise.all(nodes.map((node) => containerdState(node.host)));
    const sentBefore = nodes.map((node) => node.host.stats().bytesSent);
    const second = await installFromBundle();
    t.diagnostic(`second run: ${second.ms} ms (${second.steps}), ${sum(second.reports.map((report) => report.bytesSent))} bytes sent`);
    assert.deepEqual(second.reports.map((report) => report.bytesSent), [0, 0, 0]);
    assert.deepEqual(nodes.map((node, index) => node.host.stats().bytesSent - (sentBefore[index] ?? 0)), [0, 0, 0]);
    assert.deepEqual(second.reports.flatMap((report) => [...report.sent, ...report.retouched]), []);
    assert.deepEqual(second.plans.flatMap((plan) => plan.changes), []);
    assert.deepEqual(second.imports.flatMap((report) => report.imported), []);
    assert.deepEqual(await Promise.all(nodes.map((node) => containerdState(node.host))), containerd);
  });

  it('download mode from a loopback mirror yields the same files, so the hosts need nothing more', async (t) => {
    mirror.requests.length = 0;
    const started = Date.now();
    const cacheDir = path.join(work, 'mirror-cache');
    const { reports, selections } = await deliverAll({ source: 'download', mirror: mirror.url, cacheDir });
    t.diagnostic(`download mode: pull + deliver ${Date.now() - started} ms, ${mirror.requests.length} requests, ${sum(reports.map((report) => report.bytesSent))} bytes sent`);
    const fromBundle = new Map(bundle.manifest.files.map((file) => [file.name, file.sha256]));
    for (const selection of selections) {
      for (const file of selection.files) assert.equal(file.sha256, fromBundle.get(file.name), file.name);
    }
    assert.deepEqual(reports.map((report) => report.bytesSent), [0, 0, 0]);
  });
});
