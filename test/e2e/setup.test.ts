import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { fingerprintOf } from '../../src/host/host-key.ts';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../src/inventory/kubernetes-versions.ts';
import type { Inventory } from '../../src/inventory/inventory.ts';
import { parseInventory } from '../../src/inventory/parse-inventory.ts';
import { startRig, type Rig, type RigHost } from '../rig/rig.ts';
import { runKit } from '../support/run-kit.ts';
import { TmuxTerminal } from './support/tmux-terminal.ts';

const KIT = resolve(import.meta.dirname, '..', '..', 'bin', 'kit.js');
/** The oldest supported version: the last in the list, reached with the arrow keys. */
const VERSION = SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1] ?? '';

let rig: Rig;
let work = '';
let home = '';
let terminals = 0;
const opened: TmuxTerminal[] = [];

function host(index: number): RigHost {
  const found = rig.hosts[index];
  assert.ok(found !== undefined, `rig host ${index}`);
  return found;
}

/** `kit setup ARGS` in its own tmux server (socket kit-setup-<pid>-<n>), HOME pointing at the test's. */
function kitSetup(args: readonly string[]): TmuxTerminal {
  terminals += 1;
  const terminal = TmuxTerminal.start({ socket: `kit-setup-${process.pid}-${terminals}`, argv: [process.execPath, KIT, 'setup', ...args], cwd: work, env: { HOME: home } });
  opened.push(terminal);
  return terminal;
}

/** Each host's own key, as the rig recorded it: an independent source for the pinned fingerprints. */
function rigFingerprint(address: string): string {
  const line = readFileSync(rig.knownHostsPath, 'utf8').split('\n').find((entry) => entry.startsWith(`${address} `));
  assert.ok(line !== undefined, `${address} in the rig's known_hosts`);
  return fingerprintOf(Buffer.from(line.split(' ')[2] ?? '', 'base64'));
}

function load(file: string): Inventory {
  return parseInventory(readFileSync(file, 'utf8'), file, { homeDir: home });
}

function showScreen(t: TestContext, terminal: TmuxTerminal): void {
  t.diagnostic(`final screen:\n${terminal.screen().trimEnd()}`);
}

/** Only the files the test made itself: no temp file left behind by a write. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== 'home' && name !== 'bundle').sort();
}

describe('kit setup in a terminal against 3 rig hosts', { timeout: 900_000 }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kit-setup-'));
    home = join(work, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    mkdirSync(join(work, 'bundle'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'not-on-the-hosts', '-f', join(home, '.ssh', 'wrong_key')]);
    rig = await startRig({ hosts: 3 });
    // The first host's ssh_config entry names a key the hosts do not accept: the wizard takes it as the default.
    writeFileSync(join(home, '.ssh', 'config'), `Host ${host(0).address}\n  IdentityFile ~/.ssh/wrong_key\n\nHost *\n  User root\n`);
    const publicKey = readFileSync(`${rig.keyPath}.pub`, 'utf8');
    await rig.run(host(2).name, ['sh', '-c', 'useradd -m -s /bin/sh nosudo && mkdir -p ~nosudo/.ssh && cat > ~nosudo/.ssh/authorized_keys && chown -R nosudo: ~nosudo/.ssh'], { stdin: publicKey });
  });

  after(async () => {
    for (const terminal of opened) terminal.kill();
    await rig?.stop();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('asks every question, re-asks after a refused key, an untrusted host key and a user without sudo, and writes the expected inventory', async (t) => {
    const [a1, a2, a3] = [host(0).address, host(1).address, host(2).address];
    const terminal = kitSetup([]);
    await terminal.answer(/^Cluster name/u, { text: 'setup-e2e' });
    await terminal.answer(/^Kubernetes version/u, { keys: [...Array.from({ length: SUPPORTED_KUBERNETES_VERSIONS.length - 1 }, () => 'Down'), 'Enter'] });
    await terminal.answer(/^How do you want to enter the hosts/u, { keys: ['Down', 'Enter'] });
    await terminal.answer(/^Host addresses/u, { text: `${a1}, ${a2} ${a3}` });

    // Host 1: ~/.ssh/config offers the wrong key; the refusal is shown and the key asked again.
    await terminal.answer(new RegExp(`^Host 1: address .*\\(${a1}\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^${a1}: SSH port \\(22\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^${a1}: SSH user \\(root\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^${a1}: private key file \\(~/\\.ssh/wrong_key\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^Trust this key for ${a1}\\?.*\\(y/N\\)$`, 'u'), { text: 'y' });
    await terminal.answer(new RegExp(`^${a1}: SSH user`, 'u'), {});
    assert.match(terminal.history(), new RegExp(`SSH_AUTH_FAILED.*refused the key .*wrong_key for user root[\\s\\S]*Answer the SSH user and key for ${a1} again`, 'u'));
    await terminal.answer(new RegExp(`^${a1}: private key file`, 'u'), { text: rig.keyPath });
    await terminal.answer(new RegExp(`^${a1}: node name \\(node1\\)$`, 'u'), {});
    await terminal.answer(/^node1: role$/u, {});

    // Host 2: the host key is not trusted at first; the host is entered again and trusted.
    await terminal.answer(/^Host 2: address/u, {});
    await terminal.answer(new RegExp(`^${a2}: SSH port`, 'u'), {});
    await terminal.answer(new RegExp(`^${a2}: SSH user`, 'u'), {});
    await terminal.answer(new RegExp(`^${a2}: private key file \\(${rig.keyPath.replaceAll('.', '\\.')}\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^Trust this key for ${a2}\\?`, 'u'), { text: 'n' });
    await terminal.answer(new RegExp(`^What now with ${a2}\\?`, 'u'), {});
    assert.match(terminal.history(), new RegExp(`${a2} was not added: its host key was not trusted`, 'u'));
    await terminal.answer(new RegExp(`^Host 2: address .*\\(${a2}\\)$`, 'u'), {});
    await terminal.answer(new RegExp(`^${a2}: SSH port`, 'u'), {});
    await terminal.answer(new RegExp(`^${a2}: SSH user`, 'u'), {});
    await terminal.answer(new RegExp(`^${a2}: private key file`, 'u'), {});
    await terminal.answer(new RegExp(`^Trust this key for ${a2}\\?`, 'u'), { text: 'y' });
    await terminal.answer(new RegExp(`^${a2}: node name \\(node2\\)$`, 'u'), {});
    await terminal.answer(/^node2: role$/u, {});

    // Host 3: a user without sudo is refused with the fix; root is answered instead.
    await terminal.answer(/^Host 3: address/u, {});
    await terminal.answer(new RegExp(`^${a3}: SSH port`, 'u'), {});
    await terminal.answer(new RegExp(`^${a3}: SSH user`, 'u'), { text: 'nosudo' });
    await terminal.answer(new RegExp(`^${a3}: private key file`, 'u'), {});
    await terminal.answer(new RegExp(`^Trust this key for ${a3}\\?`, 'u'), { text: 'y' });
    await terminal.answer(new RegExp(`^${a3}: SSH user \\(nosudo\\)$`, 'u'), { text: 'root' });
    assert.match(terminal.history(), new RegExp(`nosudo@${a3}: \`sudo -n true\` exited 1[\\s\\S]*hint: .*NOPASSWD`, 'u'));
    await terminal.answer(new RegExp(`^${a3}: private key file`, 'u'), {});
    await terminal.answer(new RegExp(`^${a3}: node name \\(node3\\)$`, 'u'), {});
    await terminal.answer(/^node3: role$/u, {});

    await terminal.answer(/^Add another host\? \(y\/N\)$/u, {});
    await terminal.answer(/^Control-plane endpoint/u, {});
    // The hosts sit in 198.18.0.0/15, so the usual Kubernetes ranges are free and offered.
    await terminal.answer(/^Pod subnet .*\(10\.244\.0\.0\/16\)$/u, {});
    await terminal.answer(/^Service subnet .*\(10\.96\.0\.0\/12\)$/u, {});
    await terminal.answer(/^Pod network$/u, {});
    await terminal.answer(/^Where do the Kubernetes binaries come from\?$/u, { keys: ['Down', 'Enter'] });
    await terminal.answer(/^Bundle: folder or tarball$/u, { text: join(work, 'bundle') });
    await terminal.answer(/^Write the inventory to inventory\.yaml\?|^Write the inventory to .*inventory\.yaml\?/u, {}, 120_000);
    assert.equal(await terminal.exitCode(), 0, terminal.screen());
    showScreen(t, terminal);

    const history = terminal.history();
    assert.match(history, /Preflight (passed|FAILED): 3 hosts/u, 'the preflight summary was shown before writing');
    assert.match(history, /Ping mesh[\s\S]*1 node1 +· +[✓!✗]/u, 'with the ping mesh');
    const written = join(work, 'inventory.yaml');
    const inventory = load(written);
    const expected = parseInventory(
      [
        'apiVersion: kit/v1',
        `cluster: { name: setup-e2e, kubernetesVersion: ${VERSION}, podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12 }`,
        `ssh: { user: root, port: 22, keyFile: ${rig.keyPath} }`,
        'hosts:',
        ...[a1, a2, a3].map((address, index) => `  - { name: node${index + 1}, address: ${address}, roles: [${index === 0 ? 'control-plane' : 'worker'}], ssh: { hostKey: "${rigFingerprint(address)}" } }`),
        'network: { plugin: vxlan }',
        `artifacts: { source: bundle, path: ${join(work, 'bundle')} }`,
      ].join('\n'),
      join(work, 'expected.yaml'),
      { homeDir: home },
    );
    assert.deepEqual(inventory, expected);
    const validate = await runKit(['inventory', 'validate', '-f', written]);
    assert.equal(validate.exitCode, 0, validate.stderr);
    assert.deepEqual(filesIn(work), ['inventory.yaml']);
  });

  it('--from pre-fills every answer: pressing Enter throughout writes the same inventory, replacing it only when told', async (t) => {
    const file = join(work, 'inventory.yaml');
    const original = readFileSync(file, 'utf8');
    copyFileSync(file, join(work, 'before.yaml'));
    const terminal = kitSetup(['--from', 'inventory.yaml', '--out', 'inventory.yaml']);
    const asked: string[] = [];
    for (;;) {
      const next = await terminal.waitFor('a question or the end', (history) => (/^KIT-EXIT=/mu.test(history) ? 'exit' : terminal.activePrompt()), 120_000);
      if (next === 'exit') break;
      const replace = /exists\. Replace it\? \(y\/N\)$/u.test(next);
      asked.push(await terminal.answer(/./u, replace ? { text: 'y' } : {}));
    }
    assert.equal(await terminal.exitCode(), 0);
    showScreen(t, terminal);
    assert.equal(asked.filter((question) => /^Trust this key for .*\(Y\/n\)$/u.test(question)).length, 3, `pinned keys are trusted by default:\n${asked.join('\n')}`);
    assert.equal(terminal.history().match(/it is the key the inventory pinned/gu)?.length, 3);
    assert.ok(asked.some((question) => /inventory\.yaml exists\. Replace it\? \(y\/N\)$/u.test(question)), 'replacing the file was asked, default no');
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.deepEqual(load(file), load(join(work, 'before.yaml')));
    assert.deepEqual(filesIn(work), ['before.yaml', 'inventory.yaml']);
  });

  it('Ctrl-C at a question exits 130 with a message and writes nothing', async (t) => {
    const terminal = kitSetup(['--out', 'cancelled.yaml']);
    await terminal.answer(/^Cluster name/u, { text: 'never-written' });
    await terminal.waitFor('the version question', () => (terminal.activePrompt()?.startsWith('Kubernetes version') === true ? true : undefined));
    terminal.send(['C-c']);
    assert.equal(await terminal.exitCode(), 130);
    showScreen(t, terminal);
    assert.match(terminal.history(), /error\[CANCELLED\]: kit setup was cancelled \(Ctrl-C\): nothing was written/u);
    assert.equal(existsSync(join(work, 'cancelled.yaml')), false);
    assert.deepEqual(filesIn(work), ['before.yaml', 'inventory.yaml']);
  });
});
