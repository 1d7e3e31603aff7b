import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCgroups, parseModules, parseSysctls } from '../../../src/preflight/parse-kernel-facts.ts';
import { kernelAtLeast } from '../../../src/preflight/parse-system-facts.ts';

describe('parseCgroups', () => {
  it('reads v2 controllers from the root cgroup.controllers', () => {
    assert.deepEqual(parseCgroups({ fsType: 'cgroup2fs', mounts: [], v2Controllers: ['cpuset cpu io memory pids'] }), {
      version: 2,
      controllers: ['cpuset', 'cpu', 'io', 'memory', 'pids'],
    });
  });

  it('reads v1 controllers from the mounted hierarchies, ignoring mount options and name=systemd', () => {
    const mounts = [
      '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct',
      '40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd',
      '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate',
      '42 31 0:39 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
    ];
    assert.deepEqual(parseCgroups({ fsType: 'tmpfs', mounts, v2Controllers: ['hugetlb'] }), { version: 1, controllers: ['cpu', 'cpuacct', 'memory'] });
  });

  it('knows no version without a cgroup filesystem', () => {
    assert.deepEqual(parseCgroups({ fsType: undefined, mounts: [], v2Controllers: [] }), { version: undefined, controllers: [] });
  });
});

describe('parseModules and parseSysctls', () => {
  it('reads the evidence flags of each module', () => {
    assert.deepEqual(parseModules(['overlay loaded=1 sysfs=1 builtin=0 file=1 config=m', 'vxlan loaded=0 sysfs=0 builtin=1 file=0 config=y', 'ip_vs loaded=0 sysfs=0 builtin=0 file=0 config=-']), [
      { name: 'overlay', loaded: true, inSysfs: true, builtin: false, loadable: true, config: 'module' },
      { name: 'vxlan', loaded: false, inSysfs: false, builtin: true, loadable: false, config: 'builtin' },
      { name: 'ip_vs', loaded: false, inSysfs: false, builtin: false, loadable: false, config: undefined },
    ]);
  });

  it('tells a missing sysctl from a set one and notes /proc/sys/net/bridge', () => {
    assert.deepEqual(parseSysctls(['net.ipv4.ip_forward=1', 'net.bridge.bridge-nf-call-iptables']), {
      values: { 'net.ipv4.ip_forward': '1' },
      bridgeSysctls: false,
    });
    assert.equal(parseSysctls(['#bridge-dir']).bridgeSysctls, true);
  });
});

describe('kernelAtLeast', () => {
  it('compares major and minor numerically', () => {
    assert.equal(kernelAtLeast('6.1.0-18-amd64', '4.19'), true);
    assert.equal(kernelAtLeast('4.19.0', '4.19'), true);
    assert.equal(kernelAtLeast('4.9.337', '4.19'), false);
    assert.equal(kernelAtLeast('3.10.0-1160.el7.x86_64', '4.19'), false);
    assert.equal(kernelAtLeast('5.4.0', '4.19'), true);
  });
});
