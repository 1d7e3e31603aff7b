import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { ensureEtcdCluster } from '../../src/bootstrap/etcd/ensure-etcd-cluster.ts';
import { etcdctlArgv } from '../../src/bootstrap/etcd/etcdctl.ts';
import { convergeNodes } from '../../src/bootstrap/install/converge-nodes.ts';
import { KUBECONFIGS } from '../../src/bootstrap/paths.ts';
import type { ClusterSpec } from '../../src/bootstrap/spec/cluster-spec.ts';
import { buildPki } from '../../src/certs/build-pki.ts';
import type { ExpiryReport } from '../../src/certs/expiry-report.ts';
import { parseKubeconfig } from '../../src/certs/kubeconfig.ts';
import type { Pki } from '../../src/certs/pki.ts';
import type { PkiClusterSpec } from '../../src/certs/pki-cluster-spec.ts';
import { deliverPki } from '../../src/certs/pki-delivery.ts';
import type { RenewalResult } from '../../src/certs/renew-certificates.ts';
import { clusterSpecFor, pkiSpecFor } from '../../src/flows/model/cluster-model.ts';
import { HostPool } from '../../src/host/host-pool.ts';
import type { Host } from '../../src/host/host.ts';
import { loadInventory } from '../../src/inventory/load-inventory.ts';
import { startRig, type Rig } from '../rig/rig.ts';
import { runKit } from '../support/run-kit.ts';
import { convergeInputs, rigNode, type RigNode } from './support/daemons-cluster.ts';
import { deliverBinaries, ensureHaproxyLibraryDebs, installHaproxy, rigBundle } from './support/daemons-setup.ts';
import { httpsJson, startRetryingProbe, type MutualTls } from './support/retrying-probe.ts';

const PKI_DIR = '/etc/kubernetes/pki';
const TWO_HOURS = 2 * 60 * 60;
const BINARIES = ['etcd', 'etcdctl', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'];

let rig: Rig;
let pool: HostPool;
let nodes: RigNode[] = [];
let hosts: Host[] = [];
let cluster: ClusterSpec;
let spec: PkiClusterSpec;
let pki: Pki;

const file = (id: string, index: number): string => pki.items.find((item) => item.id === id)?.files[index]?.content ?? assert.fail(`no ${id}`);
const etcdTls = (): MutualTls => ({ caPem: pki.cas.get('etcd-ca')?.certPem ?? '', certPem: file('etcd-healthcheck-client@cp1', 0), keyPem: file('etcd-healthcheck-client@cp1', 1) });
function adminTls(): MutualTls {
  const admin = parseKubeconfig(file('admin.conf', 0)) ?? assert.fail('admin.conf unparsable');
  return { caPem: admin.caCertPem, certPem: admin.clientCertPem, keyPem: admin.clientKeyPem };
}
const sha = async (host: Host, path: string): Promise<string> => (await host.exec(['sha256sum', path])).stdout.split(' ')[0] ?? '';

/** The certificate a daemon presents on a port, seen from this machine through its CA. */
function servedCertificate(address: string, port: number, tls: MutualTls): Promise<{ serial: string; validTo: Date }> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: address, port, ca: tls.caPem, cert: tls.certPem, key: tls.keyPem, timeout: 5_000 }, () => {
      const peer = socket.getPeerCertificate();
      socket.end();
      resolve({ serial: peer.serialNumber.toUpperCase(), validTo: new Date(peer.valid_to) });
    });
    socket.on('error', reject);
  });
}

async function checkExpiration(...extra: string[]): Promise<ExpiryReport> {
  const run = await runKit(['-o', 'json', 'certs', 'check-expiration', '-f', rig.inventoryPath, ...extra]);
  assert.equal(run.exitCode, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as ExpiryReport;
}

/** Each step builds on the previous ones: after a failure the rest are skipped, not left to time out. */
let broken: string | undefined;
function step(name: string, body: (t: TestContext) => Promise<void>): void {
  it(name, async (t) => {
    if (broken !== undefined) return t.skip(`skipped: an earlier step failed (${broken})`);
    try {
      await body(t);
    } catch (error) {
      broken = name;
      throw error;
    }
  });
}

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'kit certs check-expiration and renew on three real control planes (etcd + API servers)' : 'kit certs check-expiration and renew (skipped: the rig needs root)';

describe(title, { skip: !isRoot, timeout: 1_200_000 }, () => {
  before(async () => {
    const [bundle, debs] = await Promise.all([rigBundle(), ensureHaproxyLibraryDebs()]);
    rig = await startRig({ hosts: ['cp1', 'cp2', 'cp3'].map((name) => ({ name, roles: ['control-plane'] as const })) });
    pool = new HostPool({ acceptNewHostKeys: false });
    hosts = await Promise.all(rig.hosts.map((host) => pool.connect({ name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath })));
    nodes = hosts.map((host) => ({ host, node: rigNode(host) }));
    // The same cluster `kit certs renew -f <inventory>` derives, so renewal keeps every SAN.
    const inventory = await loadInventory(rig.inventoryPath);
    cluster = clusterSpecFor(inventory);
    spec = pkiSpecFor(inventory);
    // Two-hour leaves: every leaf is under check-expiration's 30-day threshold.
    pki = await buildPki({ spec: { ...spec, validity: { ...spec.validity, leafSeconds: TWO_HOURS } } });
    await deliverPki(pki, { hosts });
    await Promise.all(hosts.map(async (host) => {
      await deliverBinaries(host, bundle, BINARIES);
      await installHaproxy(host, debs, cluster.haproxyPath);
    }));
    const etcd = await ensureEtcdCluster({ cluster, members: nodes });
    await convergeNodes({ nodes: convergeInputs(cluster, nodes, etcd) });
  });

  after(async () => {
    await pool?.closeAll();
    await rig?.stop();
  });

  step('check-expiration reads every certificate from the hosts and flags the short-lived leaves', async () => {
    const report = await checkExpiration();
    for (const host of hosts) {
      const mine = report.certificates.filter((entry) => entry.host === host.name);
      const server = mine.find((entry) => entry.name === 'etcd-server');
      assert.ok(server?.residualSeconds !== undefined, host.name);
      assert.equal(server.status, 'expiring');
      assert.ok(server.residualSeconds > 0 && server.residualSeconds <= TWO_HOURS);
      assert.equal(server.issuer, 'etcd-ca');
      assert.equal(server.externallyManaged, false);
      assert.equal(mine.find((entry) => entry.name === 'apiserver')?.issuer, 'ca');
      assert.equal(mine.find((entry) => entry.name === 'front-proxy-client')?.issuer, 'front-proxy-ca');
      assert.equal(mine.find((entry) => entry.name === 'etcd-ca')?.status, 'valid');
      assert.equal(mine.find((entry) => entry.name === 'admin.conf')?.status, 'expiring', 'kubeconfigs are read too');
      assert.deepEqual(mine.filter((entry) => entry.kind !== 'ca' && entry.status !== 'expiring').map((entry) => entry.id), []);
    }
    const relaxed = await checkExpiration('--warn-within', '1h');
    assert.deepEqual(relaxed.certificates.filter((entry) => entry.warn), []);
    const text = await runKit(['certs', 'check-expiration', '-f', rig.inventoryPath]);
    assert.match(text.stdout, /^! +etcd-server +\S+ \S+ UTC +1h\d+m +etcd-ca +no +expiring$/mu);
  });

  step('names the valid certificates when asked to renew an unknown one', async () => {
    const run = await runKit(['certs', 'renew', 'etcd-servr', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /etcd-servr: no such certificate/);
    assert.match(run.stderr, /all, apiserver, apiserver-kubelet-client, front-proxy-client, etcd-server, etcd-peer, etcd-healthcheck-client/);
  });

  step('refuses to renew from a CA whose key is not there (external CA)', async () => {
    await Promise.all(hosts.map((host) => rig.run(host.name, ['mv', `${PKI_DIR}/etcd/ca.key`, '/root/etcd-ca.key.away'])));
    try {
      const before = await sha(hosts[0] as Host, `${PKI_DIR}/etcd/server.crt`);
      const run = await runKit(['certs', 'renew', 'etcd-server', '-f', rig.inventoryPath]);
      assert.equal(run.exitCode, 1, run.stderr);
      assert.match(run.stderr, /error\[PKI_INVALID\]: cannot renew etcd-server@cp1, etcd-server@cp2, etcd-server@cp3: kit holds no key of their CA \(external CA\)/);
      assert.equal(await sha(hosts[0] as Host, `${PKI_DIR}/etcd/server.crt`), before);
    } finally {
      await Promise.all(hosts.map((host) => rig.run(host.name, ['mv', '/root/etcd-ca.key.away', `${PKI_DIR}/etcd/ca.key`])));
    }
  });

  step('reports a certificate replaced by hand with one of another CA and leaves it alone; --dry-run shows the plan', async () => {
    const foreign = await buildPki({ spec: { ...spec, keyAlgorithm: 'ecdsa-p256' } });
    const cp3 = hosts[2] as Host;
    for (const replaced of foreign.items.find((item) => item.id === 'etcd-healthcheck-client@cp3')?.files ?? []) {
      await cp3.upload(replaced.content, replaced.path, { mode: replaced.mode });
    }
    const before = await sha(cp3, `${PKI_DIR}/etcd/healthcheck-client.crt`);
    const run = await runKit(['certs', 'renew', 'all', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.match(run.stderr, /cp3: \/etc\/kubernetes\/pki\/etcd\/healthcheck-client\.crt \(etcd-healthcheck-client@cp3\): signed by CN=etcd-ca, not by the etcd-ca CA/);
    assert.match(run.stderr, /add --force/);
    assert.equal(await sha(cp3, `${PKI_DIR}/etcd/healthcheck-client.crt`), before);
    const dryRun = await runKit(['certs', 'renew', 'all', '--force', '--dry-run', '-f', rig.inventoryPath]);
    assert.equal(dryRun.exitCode, 0, dryRun.stderr);
    assert.match(dryRun.stdout, /^dry run: would renew\n/u);
    assert.match(dryRun.stdout, /^etcd-healthcheck-client@cp3 {2}\(cp3: foreign\)$/mu);
    assert.match(dryRun.stdout, /^admin\.conf {2}\(cp1: until \S+, cp2: until \S+, cp3: until \S+\)$/mu);
    assert.equal(await sha(cp3, `${PKI_DIR}/etcd/healthcheck-client.crt`), before, 'a dry run changes nothing');
    const backups = await (hosts[0] as Host).exec(['sh', '-c', 'ls /var/lib/kit/backup 2>/dev/null | wc -l']);
    assert.equal(backups.stdout.trim(), '0', 'a refused renewal takes no snapshot either');
  });

  step('renews everything with --force, one control plane at a time, while etcd and the API keep serving', async (t) => {
    const addresses = hosts.map((host) => host.address);
    const etcd = etcdTls();
    const api = adminTls();
    const etcdProbe = startRetryingProbe({
      endpoints: addresses,
      attempt: async (address, index) => {
        const key = Buffer.from(`kit-probe/${String(index).padStart(6, '0')}`).toString('base64');
        await httpsJson(`https://${address}:2379/v3/kv/put`, etcd, JSON.stringify({ key, value: Buffer.from(String(Date.now())).toString('base64') }));
      },
    });
    const apiProbe = startRetryingProbe({
      endpoints: addresses,
      attempt: async (address) => {
        const namespace = await httpsJson(`https://${address}:6443/api/v1/namespaces/kube-system`, api) as { metadata?: { name?: string } };
        if (namespace.metadata?.name !== 'kube-system') throw new Error('not the kube-system namespace');
      },
    });
    const started = Date.now();
    const run = await runKit(['-o', 'json', 'certs', 'renew', 'all', '--force', '-f', rig.inventoryPath], { timeoutMs: 900_000 });
    const renewMs = Date.now() - started;
    const [etcdFigures, apiFigures] = await Promise.all([etcdProbe.stop(), apiProbe.stop()]);
    t.diagnostic(`renew all --force: ${renewMs} ms`);
    t.diagnostic(`etcd probe: ${JSON.stringify(etcdFigures)}`);
    t.diagnostic(`API probe: ${JSON.stringify(apiFigures)}`);
    t.diagnostic(run.stderr.trim());
    assert.equal(run.exitCode, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as RenewalResult;
    assert.match(result.snapshot?.path ?? '', /^\/var\/lib\/kit\/backup\/etcd-\d{8}T\d{6}Z\.db$/u);
    const snapshotHost = hosts.find((host) => host.name === result.snapshot?.host) ?? assert.fail('no snapshot host');
    assert.equal((await snapshotHost.exec(['stat', '-c', '%a %s', result.snapshot?.path ?? ''])).stdout.trim(), `600 ${result.snapshot?.bytes ?? -1}`);
    assert.ok((result.snapshot?.bytes ?? 0) > 0);
    assert.deepEqual(result.hosts.map((host) => host.host), ['cp1', 'cp2', 'cp3']);
    for (const host of result.hosts) {
      assert.deepEqual(host.restarts.filter((outcome) => outcome.action === 'restarted').map((outcome) => outcome.daemon),
        ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'], `${host.host}: every control-plane daemon reads a renewed file; the kubelet and kube-proxy do not run here`);
    }
    assert.equal(etcdFigures.failedRequests, 0, `etcd writes no member took:\n${etcdFigures.errors.join('\n')}`);
    assert.equal(apiFigures.failedRequests, 0, `API reads no API server answered:\n${apiFigures.errors.join('\n')}`);
    assert.ok(etcdFigures.requests > 50 && apiFigures.requests > 50, 'the probes ran during the renewal');
    const count = await httpsJson(`https://${addresses[0] ?? ''}:2379/v3/kv/range`, etcd, JSON.stringify({ key: Buffer.from('kit-probe/').toString('base64'), range_end: Buffer.from('kit-probe0').toString('base64'), count_only: true })) as { count?: string };
    assert.ok(Number(count.count) >= etcdFigures.succeeded, `etcd holds ${count.count ?? 0} probe keys, ${etcdFigures.succeeded} writes were acknowledged`);
  });

  step('leaves every member and API server serving its new certificate, valid for a year', async () => {
    const cas = { etcd: etcdTls(), api: adminTls() };
    for (const host of hosts) {
      for (const [port, path, tls] of [[2379, 'etcd/server', cas.etcd], [2380, 'etcd/peer', cas.etcd], [6443, 'apiserver', cas.api]] as const) {
        const onDisk = new X509Certificate((await host.download(`${PKI_DIR}/${path}.crt`)) ?? assert.fail('gone'));
        const served = await servedCertificate(host.address, port, tls);
        assert.equal(served.serial, onDisk.serialNumber.toUpperCase(), `${host.name}:${port} serves the file now on disk`);
        const id = `${path === 'apiserver' ? 'apiserver' : path.replace('/', '-')}@${host.name}`;
        assert.notEqual(served.serial, new X509Certificate(file(id, 0)).serialNumber.toUpperCase(), `${host.name}:${port} no longer serves the old one`);
        const days = (served.validTo.getTime() - Date.now()) / 86_400_000;
        assert.ok(days > 364 && days <= 365, `${host.name}:${port} valid ${days} more days`);
      }
    }
    const cp1 = hosts[0] as Host;
    const health = await cp1.exec(etcdctlArgv({ binDir: cluster.binDir, endpoints: hosts.map((host) => `https://${host.address}:2379`), client: 'healthcheck', args: ['endpoint', 'health'] }));
    assert.equal(`${health.stdout}\n${health.stderr}`.split('\n').filter((line) => / is healthy: /u.test(line)).length, 3);
    const namespaces = await cp1.exec([`${cluster.binDir}/kubectl`, `--kubeconfig=${KUBECONFIGS.admin}`, '--request-timeout=10s', 'get', 'namespaces', '-o', 'name']);
    assert.match(namespaces.stdout, /namespace\/kube-system/u, 'the renewed admin.conf is accepted');
    const healthcheck = new X509Certificate((await (hosts[2] as Host).download(`${PKI_DIR}/etcd/healthcheck-client.crt`)) ?? '');
    assert.ok(healthcheck.checkIssued(new X509Certificate(pki.cas.get('etcd-ca')?.certPem ?? '')), '--force replaced the foreign certificate');
  });

  step('check-expiration now shows about a year left and flags nothing', async () => {
    const report = await checkExpiration();
    assert.deepEqual(report.certificates.filter((entry) => entry.warn).map((entry) => `${entry.host}/${entry.id}`), []);
    for (const entry of report.certificates.filter((candidate) => candidate.kind !== 'ca')) {
      assert.ok((entry.residualSeconds ?? 0) > 364 * 86_400, `${entry.host}/${entry.id}: ${entry.residualSeconds ?? 0} s`);
    }
  });
});
