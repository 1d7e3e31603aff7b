import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancelledError } from '../../src/errors/cancelled-error.ts';
import { RemoteCommandError, RemoteCommandTimeoutError } from '../../src/errors/remote-command-error.ts';
import {
  ConnectionLostError, HostKeyChangedError, HostKeyUnknownError, HostUnreachableError, SshAuthError,
} from '../../src/errors/ssh-errors.ts';
import { connectHost } from '../../src/host/connect-host.ts';
import { fingerprintOf } from '../../src/host/host-key.ts';
import { HostPool } from '../../src/host/host-pool.ts';
import type { Host } from '../../src/host/host.ts';
import { judgeHostKey, parseKnownHosts } from '../../src/host/known-hosts.ts';
import type { SshTarget } from '../../src/host/ssh-target.ts';
import { startRig, type Rig, type RigHost } from '../rig/rig.ts';

/** In the rig's range, never given to a host. */
const UNUSED_ADDRESS = '198.18.0.250';

let rig: Rig;
let work = '';
const pools: HostPool[] = [];

function target(host: RigHost, overrides: Partial<SshTarget> = {}): SshTarget {
  return {
    name: host.name, address: host.address, port: 22, user: 'root',
    keyFile: rig.keyPath, knownHostsFile: rig.knownHostsPath, ...overrides,
  };
}

function pool(acceptNewHostKeys = false): HostPool {
  const created = new HostPool({ acceptNewHostKeys, connectTimeoutMs: 5000 });
  pools.push(created);
  return created;
}

function hostAt(index: number): RigHost {
  const host = rig.hosts[index];
  if (host === undefined) throw new Error(`the rig has no host #${index}`);
  return host;
}

/** The host key the rig recorded for a host, as ssh-keygen would print its fingerprint. */
function rigHostKey(host: RigHost): Buffer {
  const entries = parseKnownHosts(readFileSync(rig.knownHostsPath, 'utf8')).filter((entry) => entry.hosts === host.address);
  const key = entries[0]?.key;
  if (key === undefined) throw new Error(`rig known_hosts has no key for ${host.address}`);
  return key;
}

function freshKey(name: string): { file: string; line: string } {
  const file = join(work, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file]);
  return { file, line: readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ') };
}

/** The sshd processes, inside the host, that serve this host's connection (found by its client port). */
async function sshdPids(host: Host): Promise<string[]> {
  const clientPort = (await host.exec(['sh', '-c', 'echo $SSH_CONNECTION'])).stdout.trim().split(' ')[1];
  assert.match(clientPort ?? '', /^\d+$/u);
  const sockets = await rig.run(host.name, ['ss', '-Htnp', 'state', 'established', `( sport = :22 and dport = :${clientPort} )`]);
  const pids = [...new Set([...sockets.stdout.matchAll(/pid=(\d+)/gu)].map((match) => match[1] ?? ''))];
  assert.ok(pids.length > 0, `no sshd process found for port ${clientPort}: ${sockets.stdout}`);
  return pids;
}

/** Lines in the host's sshd log that record a login attempt with a key. */
async function publickeyAttempts(host: RigHost): Promise<number> {
  const log = await rig.run(host.name, ['journalctl', '--no-pager', '-o', 'cat', '_COMM=sshd']);
  return log.stdout.split('\n').filter((line) => line.includes('publickey for')).length;
}

async function waitUntilGone(host: RigHost, pattern: string): Promise<string> {
  for (let tries = 0; tries < 20; tries++) {
    const found = await rig.run(host.name, ['pgrep', '-f', pattern], { allowFail: true });
    if (found.stdout === '') return '';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (await rig.run(host.name, ['pgrep', '-af', pattern], { allowFail: true })).stdout;
}

const isRoot = process.getuid?.() === 0;
const title = isRoot ? 'SSH transport against rig hosts' : 'SSH transport against rig hosts (skipped: the rig needs root)';

describe(title, { skip: !isRoot, timeout: 600_000 }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kit-transport-'));
    rig = await startRig({ hosts: 3 });
  });

  after(async () => {
    await Promise.all(pools.map((each) => each.closeAll()));
    await rig?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a command on three hosts in parallel, one reused connection each', async () => {
    const shared = pool();
    const hosts = await Promise.all(rig.hosts.map((host) => shared.connect(target(host))));
    assert.equal(await shared.connect(target(hostAt(0))), hosts[0], 'the pool opened a second connection to a host');
    const names = await Promise.all(hosts.map((host) => host.exec(['hostname'])));
    for (const [index, host] of hosts.entries()) {
      const expected = (await rig.run(host.name, ['hostname'])).stdout.trim();
      assert.equal(names[index]?.stdout.trim(), expected, `${host.name} answered with another host's name`);
    }
    assert.equal(new Set(names.map((result) => result.stdout)).size, 3);
    // More commands than sshd's MaxSessions at once: queued on the one connection, none refused.
    const [first] = hosts;
    assert.ok(first !== undefined);
    const many = await Promise.all(Array.from({ length: 25 }, (_, index) => first.exec(['sh', '-c', `sleep 0.1; echo ${index}`])));
    assert.deepEqual(many.map((result) => Number(result.stdout)), Array.from({ length: 25 }, (_, index) => index));
    assert.equal(first.stats().connects, 1);
    assert.equal(first.stats().roundTrips, 26);
  });

  it('streams output, feeds stdin and quotes awkward arguments exactly', async () => {
    const host = await pool().connect(target(hostAt(0)));
    const chunks: string[] = [];
    const args = ["it's", '$HOME', '`id`', '', 'a\nb', '*'];
    const result = await host.exec(['sh', '-c', 'printf "%s|" "$@"; cat; echo warn >&2', 'sh', ...args], {
      stdin: 'secret-from-stdin', onStdout: (chunk) => chunks.push(chunk),
    });
    assert.equal(result.stdout, "it's|$HOME|`id`||a\nb|*|secret-from-stdin");
    assert.equal(chunks.join(''), result.stdout);
    assert.equal(result.stderr, 'warn\n');
  });

  it('uploads with mode, owner and content, then sends nothing when repeated', async () => {
    const host = await pool().connect(target(hostAt(1)));
    const content = randomBytes(300_000);
    const path = `/etc/kit-transport-test/sub/${randomBytes(4).toString('hex')}.key`;
    const first = await host.upload(content, path, { mode: 0o600, owner: 'root:root' });
    assert.deepEqual(first, { changed: true, bytesSent: content.length });
    const facts = await rig.run(host.name, ['sh', '-c', `stat -c '%a %U:%G' ${path}; sha256sum ${path}; stat -c %a /etc/kit-transport-test/sub`]);
    const [meta, sum, dirMode] = facts.stdout.trim().split('\n');
    assert.equal(meta, '600 root:root');
    assert.equal(sum?.split(' ')[0], createHash('sha256').update(content).digest('hex'));
    assert.equal(dirMode, '755');
    const before = host.stats();
    const second = await host.upload(content, path, { mode: 0o600, owner: 'root:root' });
    assert.deepEqual(second, { changed: false, bytesSent: 0 });
    assert.equal(host.stats().bytesSent, before.bytesSent);
    assert.equal(host.stats().roundTrips, before.roundTrips + 1);
    const retouched = await host.upload(content, path, { mode: 0o640, owner: 'nobody:nogroup' });
    assert.deepEqual(retouched, { changed: true, bytesSent: 0 });
    assert.equal((await rig.run(host.name, ['stat', '-c', '%a %U:%G', path])).stdout.trim(), '640 nobody:nogroup');
    assert.ok((await host.download(path))?.equals(content));
    assert.equal(await host.download('/etc/kit-transport-test/missing'), undefined);
    const leftovers = await rig.run(host.name, ['find', '/etc/kit-transport-test', '-name', '.*']);
    assert.equal(leftovers.stdout, '', 'temp files were left behind');
  });

  it('works for a non-root user through sudo', async () => {
    const host = hostAt(2);
    const pub = readFileSync(`${rig.keyPath}.pub`, 'utf8');
    await rig.run(host.name, ['sh', '-c', [
      'id kitops >/dev/null 2>&1 || useradd -m -s /bin/sh kitops', 'usermod -p "*" kitops',
      'install -d -m 700 -o kitops -g kitops /home/kitops/.ssh',
      'cat > /home/kitops/.ssh/authorized_keys', 'chown kitops:kitops /home/kitops/.ssh/authorized_keys',
      'echo "kitops ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/kitops', 'chmod 440 /etc/sudoers.d/kitops',
    ].join(' && ')], { stdin: pub });
    const ops = await pool().connect(target(host, { user: 'kitops' }));
    assert.equal((await ops.exec(['id', '-un'])).stdout.trim(), 'root');
    assert.equal((await ops.exec(['id', '-un'], { sudo: false })).stdout.trim(), 'kitops');
    const path = `/etc/kit-transport-test/sudo-${randomBytes(4).toString('hex')}.conf`;
    assert.deepEqual(await ops.upload('a=1\n', path, { mode: 0o600 }), { changed: true, bytesSent: 4 });
    assert.deepEqual(await ops.upload('a=1\n', path, { mode: 0o600 }), { changed: false, bytesSent: 0 });
    assert.equal((await rig.run(host.name, ['stat', '-c', '%a %U:%G', path])).stdout.trim(), '600 root:root');
    assert.equal((await ops.download(path))?.toString(), 'a=1\n');
    assert.equal(await ops.download('/etc/kit-transport-test/none'), undefined);
    // Under sudo the command runs as root, beyond the reach of a signal sent over SSH.
    const timedOut = ops.exec(['sleep', '31.5'], { timeoutMs: 500 });
    await assert.rejects(timedOut, RemoteCommandTimeoutError);
    assert.equal(await waitUntilGone(host, 'sleep 31[.]5'), '', 'the timed-out command is still running on the host');
  });

  it('refuses a changed host key, even when new keys may be accepted', async () => {
    const victim = hostAt(1);
    const impostor = freshKey('impostor');
    const file = join(work, 'known_hosts_changed');
    const entries = readFileSync(rig.knownHostsPath, 'utf8').trim().split('\n')
      .map((line) => (line.split(' ')[0] === victim.address ? `${victim.address} ${impostor.line}` : line));
    writeFileSync(file, `${entries.join('\n')}\n`);
    assert.ok(readFileSync(file, 'utf8').includes(impostor.line));
    const before = readFileSync(file, 'utf8');
    const attemptsBefore = await publickeyAttempts(victim);
    for (const accept of [false, true]) {
      const attempt = connectHost(target(victim, { knownHostsFile: file }), { acceptNewHostKeys: accept });
      await assert.rejects(attempt, (error: unknown) => {
        assert.ok(error instanceof HostKeyChangedError);
        assert.match(error.message, new RegExp(`^${victim.name}: HOST KEY CHANGED for ${victim.address.replaceAll('.', '\\.')}:22`, 'u'));
        return true;
      });
    }
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.equal(await publickeyAttempts(victim), attemptsBefore, 'kit offered its key to a host it had refused');
    const other = await connectHost(target(hostAt(0), { knownHostsFile: file }), { acceptNewHostKeys: false });
    await other.close();
  });

  it('refuses an unknown host key with its fingerprint, and records it when told to', async () => {
    const host = hostAt(0);
    const file = join(work, 'fresh', 'known_hosts');
    await assert.rejects(connectHost(target(host, { knownHostsFile: file }), { acceptNewHostKeys: false }), (error: unknown) => {
      assert.ok(error instanceof HostKeyUnknownError);
      assert.equal(error.fingerprint, fingerprintOf(rigHostKey(host)));
      assert.match(error.message, new RegExp(`^${host.name}: `, 'u'));
      return true;
    });
    const accepted = await connectHost(target(host, { knownHostsFile: file }), { acceptNewHostKeys: true });
    await accepted.close();
    assert.equal(judgeHostKey(parseKnownHosts(readFileSync(file, 'utf8')), host.address, rigHostKey(host)).kind, 'known');
  });

  it('accepts a pinned fingerprint and refuses a wrong one', async () => {
    const host = hostAt(0);
    const pinned = await connectHost(target(host, { hostKey: fingerprintOf(rigHostKey(host)), knownHostsFile: join(work, 'unused') }), {
      acceptNewHostKeys: false,
    });
    await pinned.close();
    const wrong = connectHost(target(host, { hostKey: fingerprintOf(rigHostKey(hostAt(1))) }), { acceptNewHostKeys: true });
    await assert.rejects(wrong, HostKeyChangedError);
  });

  it('names the host when nothing answers at its address, within the connect timeout', async () => {
    const started = Date.now();
    const attempt = connectHost(target(hostAt(0), { name: 'ghost', address: UNUSED_ADDRESS }), {
      acceptNewHostKeys: false, connectTimeoutMs: 3000,
    });
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof HostUnreachableError);
      assert.match(error.message, new RegExp(`^ghost: cannot reach ${UNUSED_ADDRESS.replaceAll('.', '\\.')}:22`, 'u'));
      return true;
    });
    assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
  });

  it('names the host, user and key when the key is refused', async () => {
    const wrong = freshKey('wrong');
    await assert.rejects(connectHost(target(hostAt(1), { keyFile: wrong.file }), { acceptNewHostKeys: false }), (error: unknown) => {
      assert.ok(error instanceof SshAuthError);
      assert.match(error.message, new RegExp(`^${hostAt(1).name}: .*${wrong.file}.*root`, 'u'));
      assert.match(error.hint ?? '', /ssh -i /u);
      return true;
    });
  });

  it('reports a failing command with its exit code and the tail of its stderr', async () => {
    const host = await pool().connect(target(hostAt(0)));
    const failing = host.exec(['sh', '-c', 'for i in $(seq 1 40); do echo "line $i" >&2; done; exit 7']);
    await assert.rejects(failing, (error: unknown) => {
      assert.ok(error instanceof RemoteCommandError);
      assert.equal(error.failure.exitCode, 7);
      assert.equal(error.failure.host, hostAt(0).name);
      assert.ok(error.failure.stderrTail.endsWith('line 40'));
      assert.ok(!error.failure.stderrTail.includes('line 20\n'));
      return true;
    });
    assert.equal((await host.exec(['sh', '-c', 'exit 1'], { allowedExitCodes: [0, 1] })).exitCode, 1);
    const secret = host.exec(['sh', '-c', 'exit 3', 'hunter2'], { displayAs: 'sh -c … <redacted>' });
    await assert.rejects(secret, (error: unknown) => error instanceof RemoteCommandError && !error.message.includes('hunter2'));
  });

  it('fails a command cut off by a dropped connection, and reconnects for the next one', async () => {
    const host = await pool().connect(target(hostAt(2)));
    const running = host.exec(['sleep', '30']);
    running.catch(() => undefined);
    await rig.run(host.name, ['kill', '-9', ...(await sshdPids(host))]);
    await assert.rejects(running, ConnectionLostError);
    assert.equal((await host.exec(['hostname'])).stdout.trim(), (await rig.run(hostAt(2).name, ['hostname'])).stdout.trim());
    assert.equal(host.stats().connects, 2);
  });

  it('gives up on a running command at once on abort, keeping the connection usable', async () => {
    const host = await pool().connect(target(hostAt(0)));
    const controller = new AbortController();
    const running = host.exec(['sleep', '30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await assert.rejects(running, CancelledError);
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(host.exec(['true'], { signal: controller.signal }), CancelledError);
    assert.equal((await host.exec(['true'])).exitCode, 0);
    assert.equal(host.stats().connects, 1);
  });

  it('notices a peer that stopped answering through keepalives, then reconnects', async () => {
    const host = await connectHost(target(hostAt(1)), { acceptNewHostKeys: false, keepaliveIntervalMs: 300 });
    try {
      const pids = await sshdPids(host);
      const running = host.exec(['sleep', '30']);
      running.catch(() => undefined);
      await rig.run(host.name, ['kill', '-STOP', ...pids]);
      const started = Date.now();
      try {
        await assert.rejects(running, ConnectionLostError);
      } finally {
        await rig.run(host.name, ['kill', '-9', ...pids]);
      }
      assert.ok(Date.now() - started < 5000, `noticed after ${Date.now() - started} ms`);
      assert.equal((await host.exec(['true'])).exitCode, 0);
      assert.equal(host.stats().connects, 2);
    } finally {
      await host.close();
    }
  });

  it('reaches a host through a bastion, checking both host keys', async () => {
    const bastion = hostAt(0);
    const behind = hostAt(2);
    const host = await pool().connect(target(behind, {
      bastion: { address: bastion.address, port: 22, user: 'root', keyFile: rig.keyPath },
    }));
    const seen = await host.exec(['sh', '-c', 'hostname; echo $SSH_CONNECTION']);
    const [name, connection] = seen.stdout.trim().split('\n');
    assert.equal(name, (await rig.run(behind.name, ['hostname'])).stdout.trim());
    assert.equal(connection?.split(' ')[0], bastion.address, 'the connection did not come from the bastion');
    const wrongBastionKey = connectHost(target(behind, {
      bastion: { address: bastion.address, port: 22, user: 'root', keyFile: rig.keyPath, hostKey: fingerprintOf(rigHostKey(behind)) },
    }), { acceptNewHostKeys: false });
    await assert.rejects(wrongBastionKey, (error: unknown) => error instanceof HostKeyChangedError && error.message.includes('bastion'));
  });
});
