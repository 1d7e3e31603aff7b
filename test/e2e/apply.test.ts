import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { startRig, type Rig } from '../rig/rig.ts';
import { TmuxTerminal } from './support/tmux-terminal.ts';
import { runKit, type KitRun } from '../support/run-kit.ts';
import { httpFromPod, kubectl, nodeReadiness, runKitUntil, runningUnits } from './support/cluster-probes.ts';

let rig: Rig;
let firstApply: KitRun | undefined;
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


describe('kit apply builds a 1 control plane + 2 worker cluster on rig hosts (Kubernetes v1.20.2)', { timeout: 1_500_000 }, () => {
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
    firstApply = run;
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

  it('init and join: every node Ready, workers joined by TLS bootstrap with a token that is gone afterwards', async () => {
    assert.deepEqual(await nodeReadiness(rig, 'cp1'), { cp1: 'True', w1: 'True', w2: 'True' });
    const log = firstApply?.stderr ?? '';
    assert.match(log, /\[etcd\] cp1: etcd founded a new etcd cluster/u);
    assert.match(log, /\[join\] cp1: token discovery: cluster-info signed for token [a-z0-9]{6}, CA sha256:[0-9a-f]{64}/u);
    const tokenId = /signed for token ([a-z0-9]{6})/u.exec(log)?.[1] ?? '';
    const csrs = await kubectl(rig, 'cp1', "get csr -o jsonpath='{range .items[*]}{.spec.username} {.status.conditions[0].type}{\"\\n\"}{end}'");
    assert.equal(csrs.split('\n').filter((line) => line === `system:bootstrap:${tokenId} Approved`).length, 2, `CSRs:\n${csrs}`);
    assert.equal(await kubectl(rig, 'cp1', 'get secrets -n kube-system --field-selector type=bootstrap.kubernetes.io/token -o name'), '', 'a bootstrap token is left');
    for (const worker of ['w1', 'w2']) {
      assert.equal(await onHost(worker, 'test -e /etc/kubernetes/bootstrap-kubelet.conf && echo present || echo gone'), 'gone');
      assert.match(await onHost(worker, 'openssl x509 -noout -subject -in /var/lib/kubelet/pki/kubelet-client-current.pem 2>&1 || grep -c BEGIN /var/lib/kubelet/pki/kubelet-client-current.pem'), /system:node:w[12]|^2$/u);
      assert.match(await onHost(worker, 'grep -o "client-certificate: .*" /etc/kubernetes/kubelet.conf'), /kubelet-client-current\.pem/u);
    }
    const labels = await kubectl(rig, 'cp1', "get node cp1 -o jsonpath='{.metadata.labels}{\" \"}{.spec.taints[*].key}{\" \"}{.spec.podCIDR}'");
    assert.match(labels, /node-role\.kubernetes\.io\/control-plane/u);
    assert.match(labels, /node-role\.kubernetes\.io\/control-plane 198\.19\.\d+\.0\/24$/u);
    assert.match(log, /\[verify\] pod network: a pod on each of 3 node\(s\), 9\/9 node→pod pings answered/u);
  });

  it('pods on different nodes reach each other over the overlay and through a ClusterIP Service (kube-proxy)', async () => {
    const pod = (name: string, node: string, command = ''): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: ${command === '' ? 'web' : 'client'}}}\nspec: {nodeName: ${node}, tolerations: [{operator: Exists}], containers: [{name: c, image: localhost/kit/busybox:test, imagePullPolicy: Never${command}}]}\n`;
    const manifest = [pod('web-w1', 'w1'), pod('web-w2', 'w2'), pod('client-cp1', 'cp1', ', command: [sleep, "3600"]'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n'].join('---\n');
    await rig.run('cp1', ['kubectl', '--kubeconfig', '/etc/kubernetes/admin.conf', 'apply', '-f', '-'], { stdin: manifest });
    assert.match(await kubectl(rig, 'cp1', 'wait --for=condition=Ready pod/web-w1 pod/web-w2 pod/client-cp1 --timeout=120s'), /condition met[\s\S]*condition met[\s\S]*condition met/u);
    const ips = Object.fromEntries((await kubectl(rig, 'cp1', "get pods -o jsonpath='{range .items[*]}{.metadata.name}={.status.podIP}{\"\\n\"}{end}'")).split('\n').map((line) => line.split('=')));
    assert.equal(await httpFromPod(rig, 'cp1', 'client-cp1', `${ips['web-w1'] ?? ''}:8080`), 'web-w1');
    assert.equal(await httpFromPod(rig, 'cp1', 'client-cp1', `${ips['web-w2'] ?? ''}:8080`), 'web-w2');
    const clusterIp = await kubectl(rig, 'cp1', "get service web -o jsonpath='{.spec.clusterIP}'");
    assert.match(clusterIp, /^198\.19\.1(2[89]|3\d|4[0-3])\.\d+$/u, 'the ClusterIP is in the rig service subnet');
    const answers = new Set<string>();
    for (let attempt = 0; attempt < 30 && answers.size < 2; attempt += 1) answers.add(await httpFromPod(rig, 'cp1', 'client-cp1', `${clusterIp}:80`));
    assert.deepEqual([...answers].sort(), ['web-w1', 'web-w2'], 'both endpoints answered through the Service');
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
      for (const phase of ['preflight', 'prepare', 'certs', 'artifacts', 'runtime', 'overlay', 'etcd', 'control-plane', 'init', 'join', 'verify']) assert.match(screen, new RegExp(`✔ ${phase}`, 'u'));
      assert.match(screen, /✔ certs: (no changes|dry run)\n\s+✔ cp1\n\s+✔ w1\n\s+✔ w2/u);
      assert.match(screen, /dry run: nothing was changed/u);
    } finally {
      terminal.kill();
    }
  });

  it('a second apply changes nothing, restarts no daemon, and says so per host', async () => {
    const before = await onHost('cp1', 'stat -c %Y /etc/kubernetes/pki/apiserver.crt');
    const units = await runningUnits(rig, ['cp1', 'w1', 'w2']);
    assert.equal(Object.keys(units).length, 3 * 4 + 4, `expected containerd, kit-overlay, kubelet, kube-proxy everywhere and the 4 control-plane units on cp1: ${Object.keys(units).join(', ')}`);
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /no changes: every host already matches the inventory/u);
    for (const phase of ['prepare', 'certs', 'artifacts', 'runtime', 'overlay', 'etcd', 'control-plane', 'init', 'join']) assert.match(run.stderr, new RegExp(`\\[${phase}\\] skipped: no changes`, 'u'));
    assert.match(run.stderr, /\[join\] w1: no changes/u);
    assert.equal(await onHost('cp1', 'stat -c %Y /etc/kubernetes/pki/apiserver.crt'), before);
    assert.deepEqual(await runningUnits(rig, ['cp1', 'w1', 'w2']), units, 'a daemon was restarted');
  });

  it('kit init and kit join --host run their parts alone and, on a built cluster, change nothing', async () => {
    const init = await kit(['init', '-f', rig.inventoryPath]);
    assert.equal(init.exitCode, 0, init.stderr);
    assert.match(init.stdout, /no changes: every host already matches the inventory/u);
    assert.doesNotMatch(init.stderr, /\[(join|verify)\]/u, 'init stops after the init phase');
    const join = await kit(['join', '-f', rig.inventoryPath, '--host', 'w1']);
    assert.equal(join.exitCode, 0, join.stderr);
    assert.match(join.stderr, /\[join\] workers join: kubelet TLS bootstrap and kube-proxy \(1 host\(s\)\)/u);
    assert.match(join.stdout, /no changes: every host already matches the inventory/u);
    const stranger = await kit(['join', '-f', rig.inventoryPath, '--host', 'w9']);
    assert.equal(stranger.exitCode, 2);
    assert.match(stranger.stderr, /--host names host\(s\) not in .*inventory\.yaml: w9/u);
  });

  it('a new worker in the inventory joins alone; kit killed mid-join, then re-run, converges', async () => {
    const units = await runningUnits(rig, ['cp1', 'w1', 'w2']);
    await rig.addHosts([{ name: 'w3', roles: ['worker'] }]);
    const killed = await runKitUntil(['apply', '-f', rig.inventoryPath], /\[join\] cp1: token discovery/u);
    assert.match(killed.stderr, /\[join\] w3: join: kubelet TLS bootstrap/u);
    const run = await kit(['apply', '-f', rig.inventoryPath]);
    assert.equal(run.exitCode, 0, `${run.stderr}\n(the killed run:)\n${killed.stderr}`);
    assert.deepEqual(await nodeReadiness(rig, 'cp1'), { cp1: 'True', w1: 'True', w2: 'True', w3: 'True' });
    assert.doesNotMatch(run.stderr, /\[join\] w[12]: (?!no changes)/u, 'only w3 had join work');
    assert.deepEqual(await runningUnits(rig, ['cp1', 'w1', 'w2']), units, 'adding w3 restarted a daemon on another host');
    assert.equal(await kubectl(rig, 'cp1', 'get secrets -n kube-system --field-selector type=bootstrap.kubernetes.io/token -o name'), '', 'a bootstrap token is left');
    const w3 = rig.hosts.find((host) => host.name === 'w3')?.address ?? 'w3 missing';
    assert.match(await onHost('cp1', 'bridge fdb show dev kit.vxlan'), new RegExp(`dst ${w3.replaceAll('.', '\\.')} `, 'u'), 'cp1 learned w3 in its FDB');
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
