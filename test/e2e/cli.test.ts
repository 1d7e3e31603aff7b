import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { startRig, type Rig } from '../rig/rig.ts';
import { runKit } from '../support/run-kit.ts';

let rig: Rig;
let work = '';

/** The rig's inventory with some fields changed, written to a new file. */
function inventoryWith(change: (document: Record<string, unknown>) => void): string {
  const document = parse(readFileSync(rig.inventoryPath, 'utf8')) as Record<string, unknown>;
  change(document);
  const file = join(work, `inventory-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}

function sshBlock(document: Record<string, unknown>): Record<string, unknown> {
  return document['ssh'] as Record<string, unknown>;
}

describe('kit CLI against rig hosts', () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    rig = await startRig({ hosts: 3 });
  });
  after(async () => {
    await rig?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a command on 3 hosts in parallel, each answering with its own hostname', async () => {
    const run = await runKit(['-o', 'json', 'exec', '-f', rig.inventoryPath, '--', 'hostname']);
    assert.equal(run.exitCode, 0, run.stderr);
    const results = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { host: string; stdout: string });
    assert.deepEqual(results.map((result) => [result.host, result.stdout.trim()]), rig.hosts.map((host) => [host.name, host.name]));
  });

  it('refuses an unknown host key with its fingerprint, and records it only with --accept-new-host-keys', async () => {
    const knownHosts = join(work, 'empty_known_hosts');
    writeFileSync(knownHosts, '');
    const file = inventoryWith((document) => (sshBlock(document)['knownHostsFile'] = knownHosts));
    const refused = await runKit(['exec', '-f', file, '--hosts', 'node1', '--', 'true']);
    assert.equal(refused.exitCode, 1, refused.stderr);
    const node1 = rig.hosts[0];
    assert.ok(node1 !== undefined);
    const fingerprint = execFileSync('ssh-keygen', ['-lf', '-'], { input: `${node1.address} ${hostKeyOf(node1.address)}\n` }).toString().split(' ')[1];
    assert.match(refused.stderr, new RegExp(`HOST_KEY_UNKNOWN.*node1.*${escape(fingerprint ?? 'missing')}`, 'u'));
    assert.equal(readFileSync(knownHosts, 'utf8'), '', 'nothing was recorded without the flag');
    const accepted = await runKit(['--accept-new-host-keys', 'exec', '-f', file, '--hosts', 'node1', '--', 'true']);
    assert.equal(accepted.exitCode, 0, accepted.stderr);
    assert.match(readFileSync(knownHosts, 'utf8'), new RegExp(escape(node1.address), 'u'));
  });

  it('refuses a changed host key even with --accept-new-host-keys', async () => {
    const knownHosts = join(work, 'changed_known_hosts');
    const other = execFileSync('sh', ['-c', `ssh-keygen -q -t ed25519 -N '' -C '' -f ${join(work, 'otherkey')} && cat ${join(work, 'otherkey')}.pub`]).toString();
    const node2 = rig.hosts[1];
    assert.ok(node2 !== undefined);
    writeFileSync(knownHosts, `${node2.address} ${other.trim().split(' ').slice(0, 2).join(' ')}\n`);
    const file = inventoryWith((document) => (sshBlock(document)['knownHostsFile'] = knownHosts));
    const run = await runKit(['--accept-new-host-keys', 'exec', '-f', file, '--hosts', 'node2', '--', 'true']);
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /HOST_KEY_CHANGED.*node2/u);
  });

  it('names the host and says what to do when a host is unreachable or refuses the key', async () => {
    const unreachable = inventoryWith((document) => {
      const hosts = document['hosts'] as Record<string, unknown>[];
      hosts.push({ name: 'ghost', address: '198.18.255.250', roles: ['worker'] });
    });
    const gone = await runKit(['exec', '-f', unreachable, '--hosts', 'ghost', '--', 'true'], { timeoutMs: 60_000 });
    assert.equal(gone.exitCode, 1);
    assert.match(gone.stderr, /HOST_UNREACHABLE\]: ghost: cannot reach 198\.18\.255\.250:22/u);
    assert.match(gone.stderr, /hint: /u);
    const wrongKey = join(work, 'wrong_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', wrongKey]);
    const refused = inventoryWith((document) => (sshBlock(document)['keyFile'] = wrongKey));
    const denied = await runKit(['exec', '-f', refused, '--hosts', 'node3', '--', 'true']);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.stderr, /SSH_AUTH_FAILED\]: node3: .*wrong_key/u);
    assert.match(denied.stderr, /ssh -i /u);
  });

  it('apply --pki-dir with our own CA signs every leaf with it and exports the PKI with private files 0600', async () => {
    const dir = join(work, 'byo-pki');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'), '-days', '30',
      '-subj', '/CN=our-own-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'], { stdio: 'ignore' });
    const run = await runKit(['apply', '-f', rig.inventoryPath, '--skip-phases', 'artifacts,runtime,overlay,etcd,control-plane,init,join,addons,verify', '--pki-dir', dir], { timeoutMs: 300_000 });
    assert.equal(run.exitCode, 0, run.stderr);
    const issuer = await rig.run('node1', ['openssl', 'x509', '-noout', '-issuer', '-in', '/etc/kubernetes/pki/apiserver.crt']);
    assert.match(issuer.stdout, /CN ?= ?our-own-ca/u);
    assert.equal(execFileSync('stat', ['-c', '%a', join(dir, 'sa.key')]).toString().trim(), '600');
    assert.equal(execFileSync('stat', ['-c', '%a', join(dir, 'nodes', 'node1', 'apiserver.key')]).toString().trim(), '600');
    assert.match(execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'nodes', 'node1', 'apiserver.crt')]).toString(), /: OK/u);
  });
});

describe('kit CLI with a malformed inventory', () => {
  let server: Server;
  let connections = 0;
  let port = 0;
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kit-cli-bad-'));
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports line:column for every problem, exits 2 and opens no connection', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, [
      'apiVersion: kit/v1',
      'cluster:',
      '  name: demo',
      '  podSubnet: 10.244.0.0/33',
      'ssh:',
      '  user: root',
      `  port: ${port}`,
      'hosts:',
      '  - name: cp1',
      '    address: 127.0.0.1',
      '    roles: [control-plane]',
      '  - name: cp1',
      '    address: 127.0.0.1',
      '    roles: [worker]',
      '    colour: blue',
      '',
    ].join('\n'));
    const run = await runKit(['exec', '-f', file, '--', 'true']);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /broken\.yaml:4:\d+ cluster\.podSubnet/u);
    assert.match(run.stderr, /broken\.yaml:12:\d+ hosts\[1\]\.name/u);
    assert.match(run.stderr, /broken\.yaml:15:\d+ hosts\[1\]\.colour/u);
    assert.doesNotMatch(run.stderr, /\n\s+at /u, 'no stack trace without --debug');
    assert.equal(connections, 0);
  });
});

function hostKeyOf(address: string): string {
  const line = readFileSync(rig.knownHostsPath, 'utf8').split('\n').find((entry) => entry.startsWith(`${address} `));
  return line?.split(' ').slice(1, 3).join(' ') ?? '';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
