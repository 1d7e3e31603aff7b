import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startRig, type Rig } from '../rig/rig.ts';
import type { RigState } from '../rig/rig-state.ts';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs a local command, returning its exit code instead of throwing. */
async function local(file: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, { timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: typeof failed.code === 'number' ? failed.code : -1 };
  }
}

/** The real ssh client with the rig's key, checking host keys strictly against `knownHosts`. */
function ssh(rig: Rig, address: string, command: string, knownHosts = rig.knownHostsPath): Promise<Outcome> {
  return local('ssh', [
    '-F', '/dev/null', '-i', rig.keyPath, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5',
    '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes',
    `root@${address}`, command,
  ]);
}

function addressOf(rig: Rig, name: string): string {
  const host = rig.hosts.find((entry) => entry.name === name);
  assert.ok(host, `rig has a host named ${name}`);
  return host.address;
}

describe(isRoot ? 'test rig' : 'test rig (skipped: needs root for nspawn, links and mounts)', { skip: !isRoot }, () => {
  let rig: Rig;

  before(async () => {
    rig = await startRig({ hosts: 3, name: `e2e-rig-${process.pid}` });
  });

  after(async () => {
    await rig?.stop();
  });

  test('every host answers ssh with the rig key and its own pinned host key', async () => {
    for (const host of rig.hosts) {
      const result = await ssh(rig, host.address, 'hostname');
      assert.equal(result.code, 0, `${host.name}: ${result.stderr}`);
      assert.equal(result.stdout.trim(), host.name);
    }
    const keys = (await readFile(rig.knownHostsPath, 'utf8')).trim().split('\n');
    assert.equal(keys.length, 3);
    assert.equal(new Set(keys.map((line) => line.split(' ')[2])).size, 3, 'host keys are never shared');
    const empty = path.join(rig.dir, 'empty_known_hosts');
    await writeFile(empty, '');
    const unknown = await ssh(rig, addressOf(rig, 'node1'), 'true', empty);
    assert.notEqual(unknown.code, 0, 'strict host key checking refuses a host missing from known_hosts');
  });

  test('each host has its own hostname, machine-id and address, and no default route', async () => {
    const machineIds = new Set<string>();
    for (const host of rig.hosts) {
      const result = await ssh(rig, host.address, 'cat /etc/machine-id; ip -4 -o addr show dev host0; ip route show default');
      assert.equal(result.code, 0, result.stderr);
      const [machineId = '', addressLine = '', ...rest] = result.stdout.trim().split('\n');
      assert.match(machineId, /^[0-9a-f]{32}$/u);
      machineIds.add(machineId);
      assert.match(addressLine, new RegExp(`inet ${host.address.replaceAll('.', '\\.')}/`, 'u'));
      assert.deepEqual(rest, [], `${host.name} has no default route`);
    }
    assert.equal(machineIds.size, 3);
  });

  test('hosts reach each other, and nothing outside the rig', async () => {
    for (const [from, to] of [['node1', 'node2'], ['node2', 'node3'], ['node3', 'node1']] as const) {
      const result = await ssh(rig, addressOf(rig, from), `ping -c 1 -W 2 ${addressOf(rig, to)}`);
      assert.equal(result.code, 0, `${from} pings ${to}: ${result.stdout}${result.stderr}`);
    }
    const out = await ssh(rig, addressOf(rig, 'node1'), 'ip route get 192.0.2.1');
    assert.notEqual(out.code, 0);
    assert.match(out.stderr, /unreachable/iu);
  });

  test('machine-wide sysctls written inside a host stay inside it', async () => {
    const machineBefore = (await readFile('/proc/sys/kernel/panic', 'utf8')).trim();
    const inside = await rig.run('node2', ['sh', '-c', 'cat /proc/sys/vm/overcommit_memory; echo 0 > /proc/sys/kernel/panic; cat /proc/sys/kernel/panic']);
    assert.deepEqual(inside.stdout.trim().split('\n'), ['1', '0']);
    assert.equal((await readFile('/proc/sys/kernel/panic', 'utf8')).trim(), machineBefore);
  });

  test('run() enters a host without ssh, passes stdin and reports exit codes', async () => {
    const echoed = await rig.run('node3', ['sh', '-c', 'hostname; cat'], { stdin: 'hello\n' });
    assert.equal(echoed.stdout, 'node3\nhello\n');
    const failed = await rig.run('node3', ['sh', '-c', 'exit 7'], { allowFail: true });
    assert.equal(failed.exitCode, 7);
    await assert.rejects(rig.run('node3', ['false']), /exited 1/u);
  });

  test('restart boots a host again with the same identity', async () => {
    const before = await ssh(rig, addressOf(rig, 'node3'), 'cat /proc/sys/kernel/random/boot_id /etc/machine-id');
    await rig.restart('node3');
    const afterRestart = await ssh(rig, addressOf(rig, 'node3'), 'cat /proc/sys/kernel/random/boot_id /etc/machine-id');
    assert.equal(afterRestart.code, 0, afterRestart.stderr);
    const [bootBefore, idBefore] = before.stdout.trim().split('\n');
    const [bootAfter, idAfter] = afterRestart.stdout.trim().split('\n');
    assert.notEqual(bootAfter, bootBefore);
    assert.equal(idAfter, idBefore);
  });

  test('hosts can be added to and removed from a running rig', async () => {
    const [added] = await rig.addHosts([{ name: 'extra1' }]);
    assert.ok(added);
    assert.deepEqual(added.roles, ['worker']);
    assert.equal((await ssh(rig, added.address, 'hostname')).stdout.trim(), 'extra1');
    assert.match(await readFile(rig.inventoryPath, 'utf8'), /name: extra1/u);
    await rig.removeHost('extra1');
    assert.doesNotMatch(await readFile(rig.inventoryPath, 'utf8'), /extra1/u);
    assert.doesNotMatch(await readFile(rig.knownHostsPath, 'utf8'), new RegExp(`^${added.address.replaceAll('.', '\\.')} `, 'mu'));
    await assert.rejects(access(added.machineDir));
  });

  test('tear-down leaves no machine, veth, bridge, rule, mount, cgroup or directory behind', async () => {
    const state = JSON.parse(await readFile(path.join(rig.dir, 'rig.json'), 'utf8')) as RigState;
    await rig.stop();
    const links = (await local('ip', ['-o', 'link', 'show'])).stdout;
    assert.doesNotMatch(links, new RegExp(`${state.bridge}|vb-k${state.id}-`, 'u'));
    const rules = (await local('iptables', ['-S', 'FORWARD'])).stdout + (await local('ip6tables', ['-S', 'FORWARD'])).stdout;
    assert.doesNotMatch(rules, new RegExp(state.bridge, 'u'));
    assert.doesNotMatch(await readFile('/proc/self/mountinfo', 'utf8'), new RegExp(rig.dir, 'u'));
    for (const dir of state.hosts.flatMap((host) => host.cgroupDirs)) await assert.rejects(access(dir), `${dir} is removed`);
    await assert.rejects(access(rig.dir));
    const leftovers: string[] = [];
    for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/u.test(entry))) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(rig.dir)) leftovers.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
    }
    assert.deepEqual(leftovers, []);
  });
});
