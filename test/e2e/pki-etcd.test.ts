import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildPki } from '../../src/certs/build-pki.ts';
import type { Pki } from '../../src/certs/pki.ts';
import type { PkiClusterSpec } from '../../src/certs/pki-cluster-spec.ts';
import { deliverPki, readExistingPki } from '../../src/certs/pki-delivery.ts';
import { connectHost } from '../../src/host/connect-host.ts';
import type { Host } from '../../src/host/host.ts';
import { debianBinaryPath, ensureDebianBinaries } from '../artifacts/debian-binaries.ts';
import { startRig, type Rig } from '../rig/rig.ts';

const PKI = '/etc/kubernetes/pki';
const UNIT = 'kit-pki-test-etcd';
const DATA_DIR = '/var/lib/kit-pki-test-etcd';

let rig: Rig;
let hosts: Host[] = [];
let spec: PkiClusterSpec;
let pki: Pki;

function etcdctl(endpoints: string, client: string, ...args: string[]): string[] {
  return ['/usr/local/bin/etcdctl', `--endpoints=${endpoints}`, `--cacert=${PKI}/etcd/ca.crt`, `--cert=${PKI}/${client}.crt`, `--key=${PKI}/${client}.key`, ...args];
}

/** etcd as a transient systemd unit: peer and client ports both demand certificates of the etcd CA. */
function etcdUnit(host: Host, cluster: string): string[] {
  const url = (port: number): string => `https://${host.address}:${port}`;
  return [
    'systemd-run', `--unit=${UNIT}`, '--property=Restart=on-failure', '--',
    '/usr/local/bin/etcd', `--name=${host.name}`, `--data-dir=${DATA_DIR}`,
    `--listen-client-urls=${url(2379)},https://127.0.0.1:2379`, `--advertise-client-urls=${url(2379)}`,
    `--listen-peer-urls=${url(2380)}`, `--initial-advertise-peer-urls=${url(2380)}`,
    `--initial-cluster=${cluster}`, '--initial-cluster-state=new', '--initial-cluster-token=kit-pki-test',
    '--client-cert-auth', `--trusted-ca-file=${PKI}/etcd/ca.crt`, `--cert-file=${PKI}/etcd/server.crt`, `--key-file=${PKI}/etcd/server.key`,
    '--peer-client-cert-auth', `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`, `--peer-cert-file=${PKI}/etcd/peer.crt`, `--peer-key-file=${PKI}/etcd/peer.key`,
  ];
}

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'generated PKI on a real 3-member etcd cluster' : 'generated PKI on a real 3-member etcd cluster (skipped: the rig needs root)';

describe(title, { skip: !isRoot, timeout: 900_000 }, () => {
  before(async () => {
    const binaries = await ensureDebianBinaries();
    rig = await startRig({ hosts: 3 });
    hosts = await Promise.all(rig.hosts.map((host) => connectHost(
      { name: host.name, address: host.address, port: 22, user: 'root', keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath },
      { acceptNewHostKeys: false },
    )));
    spec = {
      clusterName: 'kubernetes', kubernetesMinor: 31, controlPlaneEndpoint: { host: rig.hosts[0]?.address ?? '', port: 6443 },
      serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local', extraSans: [],
      controlPlanes: rig.hosts.map((host) => ({ name: host.name, internalAddress: host.address })), workers: [],
    };
    pki = await buildPki({ spec });
    await deliverPki(pki, { hosts });
    const programs = await Promise.all(['etcd', 'etcdctl', 'kubectl'].map(async (name) => ({ name, content: await readFile(debianBinaryPath(binaries, name)) })));
    await Promise.all(hosts.flatMap((host) => programs.map((program) => host.upload(program.content, `/usr/local/bin/${program.name}`, { mode: 0o755 }))));
    const cluster = hosts.map((host) => `${host.name}=https://${host.address}:2380`).join(',');
    await Promise.all(hosts.map((host) => host.exec(etcdUnit(host, cluster))));
  });

  after(async () => {
    await Promise.all(hosts.map((host) => host.exec(['systemctl', 'stop', UNIT], { allowedExitCodes: [0, 5] }).catch(() => undefined)));
    await Promise.all(hosts.map((host) => host.close()));
    await rig?.stop();
  });

  it('forms a cluster whose every member reports healthy over mutual TLS', async () => {
    const [first] = hosts;
    assert.ok(first !== undefined);
    const endpoints = hosts.map((host) => `https://${host.address}:2379`).join(',');
    // --cluster asks the members for their client URLs: one still joining is not listed yet.
    let healthy: string[] = [];
    let output = '';
    for (let attempt = 0; attempt < 60 && healthy.length < hosts.length; attempt++) {
      if (attempt > 0) await sleep(1000);
      const result = await first.exec(etcdctl(endpoints, 'etcd/healthcheck-client', 'endpoint', 'health', '--cluster'), { allowedExitCodes: [0, 1] });
      output = `exit ${result.exitCode}\n${result.stdout}\n${result.stderr}`;
      // etcdctl 3.4 prints the health lines on stderr.
      healthy = result.exitCode === 0 ? `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => / is healthy: successfully committed proposal/.test(line)) : [];
    }
    assert.deepEqual(healthy.map((line) => /^https:\/\/([\d.]+):2379/.exec(line)?.[1]).sort(), hosts.map((host) => host.address).sort(), output);
    const members = await first.exec(etcdctl(endpoints, 'apiserver-etcd-client', 'member', 'list'));
    assert.equal(members.stdout.trim().split('\n').filter((line) => line.includes(', started, ') && line.includes(':2380')).length, 3);
  });

  it('refuses a client certificate of another CA', async () => {
    const [first] = hosts;
    assert.ok(first !== undefined);
    const result = await first.exec(etcdctl(`https://${first.address}:2379`, 'apiserver-kubelet-client', '--dial-timeout=3s', '--command-timeout=5s', 'endpoint', 'health'), { allowedExitCodes: [0, 1] });
    assert.equal(result.exitCode, 1, 'etcd accepted a certificate the etcd CA did not sign');
  });

  it('writes kubeconfigs that kubectl reads, each with its own user', async () => {
    const [first] = hosts;
    assert.ok(first !== undefined);
    const users: Record<string, string> = {
      'admin.conf': 'kubernetes-admin', 'super-admin.conf': 'kubernetes-super-admin', 'controller-manager.conf': 'system:kube-controller-manager',
      'scheduler.conf': 'system:kube-scheduler', 'kube-proxy.conf': 'system:kube-proxy',
      'kubelet.conf': `system:node:${first.name}`,
    };
    for (const [file, user] of Object.entries(users)) {
      const kubeconfig = `/etc/kubernetes/${file}`;
      const context = await first.exec(['/usr/local/bin/kubectl', '--kubeconfig', kubeconfig, 'config', 'current-context']);
      assert.equal(context.stdout.trim(), `${user}@kubernetes`, file);
      const view = await first.exec(['/usr/local/bin/kubectl', 'config', 'view', '--kubeconfig', kubeconfig, '-o', 'jsonpath={.users[0].name} {.clusters[0].cluster.server}']);
      const server: string = file === 'controller-manager.conf' || file === 'scheduler.conf' ? `https://${first.address}:6443` : `https://${spec.controlPlaneEndpoint.host}:6443`;
      assert.equal(view.stdout.trim(), `${user} ${server}`, file);
    }
  });

  it('keeps everything on a re-run read back over SSH, and uploads nothing', async () => {
    const onHosts = await readExistingPki(spec, { hosts });
    const again = await buildPki({ spec, existing: { onHosts } });
    assert.deepEqual(again.decisions.filter((decision) => decision.action !== 'reused'), []);
    const changed = await deliverPki(again, { hosts });
    assert.deepEqual([...changed.values()].flat(), []);
  });
});
