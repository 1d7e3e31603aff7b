import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHostFacts } from '../../../src/preflight/parse-host-facts.ts';
import { parseSections } from '../../../src/preflight/parse-sections.ts';
import { fixture, withSection } from './fixtures.ts';

describe('parseSections', () => {
  it('ignores text before the first marker and drops blank lines', () => {
    const sections = parseSections('Welcome banner\n### a\n1\n\n2\r\n### b\n### c\nx\n');
    assert.deepEqual([...sections], [['a', ['1', '2']], ['b', []], ['c', ['x']]]);
  });
});

describe('parseHostFacts on a rig host (systemd-nspawn, cgroup v1, no /sys/module)', () => {
  const facts = parseHostFacts(fixture('facts-rig-host'));

  it('reads the system', () => {
    assert.deepEqual(facts.os, { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    assert.equal(facts.kernelName, 'Linux');
    assert.equal(facts.architecture, 'x86_64');
    assert.equal(facts.cpus, 2);
    assert.equal(facts.memoryMiB, Math.floor(24683656 / 1024));
    assert.equal(facts.swapTotalKiB, 0);
    assert.deepEqual(facts.swaps, []);
    assert.equal(facts.hostname, 'cp1');
    assert.equal(facts.machineId, '477cc2fa9f190efbef814e3af276e546');
    assert.equal(facts.productUuid, undefined);
    assert.equal(facts.uid, 0);
  });

  it('reads interfaces, stripping the @ifN peer suffix', () => {
    const host0 = facts.interfaces.find((candidate) => candidate.name === 'host0');
    assert.deepEqual(host0, { name: 'host0', mac: '56:09:11:6d:cb:99', mtu: 1500, addresses: ['198.18.0.11', 'fe80::5409:11ff:fe6d:cb99'] });
  });

  it('sees the modules only through kallsyms and /proc/filesystems', () => {
    assert.ok(facts.modules.every((module) => !module.loaded && !module.inSysfs && !module.builtin && !module.loadable));
    assert.deepEqual(facts.kernelSymbols, ['br_nf_pre_routing', 'ovl_fill_super', 'vxlan_xmit']);
    assert.ok(facts.filesystems.includes('overlay'));
  });

  it('reads sysctls, cgroups, tools, listeners, dirs and processes', () => {
    assert.deepEqual(facts.sysctls, { 'net.ipv4.ip_forward': '0', 'net.bridge.bridge-nf-call-iptables': '1' });
    assert.equal(facts.bridgeSysctls, true);
    assert.deepEqual(facts.cgroup, { version: 1, controllers: ['blkio', 'cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory', 'pids'] });
    assert.equal(facts.tools['socat'], '/usr/bin/socat');
    assert.equal(facts.tools['nft'], undefined);
    assert.deepEqual(facts.listeners, [
      { protocol: 'tcp', address: '0.0.0.0', port: 22, process: 'sshd(89)' },
      { protocol: 'tcp', address: '::', port: 22, process: 'sshd(89)' },
    ]);
    assert.equal(facts.dirs['/var/lib/etcd'], 'absent');
    assert.ok(facts.processes.includes('sshd'));
    assert.deepEqual(facts.timeSync, { synchronized: undefined, services: [] }, 'no time service runs');
    assert.ok(facts.disk !== undefined && facts.disk.availableKiB > 0);
  });
});

describe('parseHostFacts on the current script\'s output from a rig host', () => {
  it('reads module states from the kernel config, so kallsyms is not read', () => {
    const facts = parseHostFacts(fixture('facts-rig-node1'));
    assert.deepEqual(facts.modules.map((module) => `${module.name} ${module.config ?? '-'}`), ['overlay builtin', 'br_netfilter builtin', 'vxlan builtin']);
    assert.deepEqual(facts.kernelSymbols, []);
    assert.equal(facts.tools['bash'], '/usr/bin/bash');
    assert.equal(facts.hostname, 'node1');
    assert.deepEqual(facts.dirs, { '/etc/kubernetes': 'absent', '/var/lib/etcd': 'absent', '/var/lib/kubelet': 'absent', '/etc/cni/net.d': 'absent' });
  });
});

describe('parseHostFacts on other shapes of output', () => {
  it('reads the Debian VM capture (no systemd, modules in /sys/module)', () => {
    const facts = parseHostFacts(fixture('facts-debian-vm'));
    assert.equal(facts.modules.find((module) => module.name === 'vxlan')?.inSysfs, true);
    assert.equal(facts.timeSync.synchronized, undefined);
    assert.equal(facts.cgroup.version, 1);
  });

  it('reads cgroup v2, swap, leftovers and chrony', () => {
    let output = fixture('facts-rig-host');
    output = withSection(output, 'cgroup-fs', ['cgroup2fs']);
    output = withSection(output, 'cgroup2-controllers', ['cpuset cpu io memory hugetlb pids rdma misc']);
    output = withSection(output, 'swaps', ['/swap.img                               file		2097148		0		-2']);
    output = withSection(output, 'dirs', ['/etc/kubernetes 3', '/var/lib/etcd 0', '/var/lib/kubelet file', '/etc/cni/net.d absent']);
    output = `${output}### timesync\nLeap status     : Normal\n### time-services\nchrony\n`;
    const facts = parseHostFacts(output);
    assert.deepEqual(facts.cgroup, { version: 2, controllers: ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma', 'misc'] });
    assert.deepEqual(facts.swaps, ['/swap.img']);
    assert.deepEqual(facts.dirs, { '/etc/kubernetes': 'non-empty', '/var/lib/etcd': 'empty', '/var/lib/kubelet': 'not-a-directory', '/etc/cni/net.d': 'absent' });
    assert.deepEqual(facts.timeSync, { synchronized: true, services: ['chrony'] });
  });

  it('reads timesyncd\'s flag, and a running service without it as not synchronised', () => {
    assert.equal(parseHostFacts('### timesync\ntimesyncd=synchronized\n### time-services\nsystemd-timesyncd\n').timeSync.synchronized, true);
    assert.equal(parseHostFacts('### timesync\n### time-services\nsystemd-timesyncd\n').timeSync.synchronized, false);
    assert.equal(parseHostFacts('### timesync\nLeap status     : Not synchronised\n### time-services\n').timeSync.synchronized, false);
  });

  it('leaves everything unknown for empty output instead of throwing', () => {
    const facts = parseHostFacts('');
    assert.equal(facts.os, undefined);
    assert.equal(facts.cpus, undefined);
    assert.equal(facts.listeners, undefined);
    assert.equal(facts.cgroup.version, undefined);
  });
});
