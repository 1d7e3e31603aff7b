import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { chooseCgroupDriver } from '../../../src/runtime/cgroup-driver.ts';
import { OOM_PROBE, parseRuntimeProbe, restrictOomScoreAdjFromExitCode, runtimeProbeCommand } from '../../../src/runtime/runtime-probe.ts';

describe('chooseCgroupDriver', () => {
  it('uses systemd on cgroup v2 with systemd as PID 1', () => {
    assert.equal(chooseCgroupDriver({ cgroupVersion: 2, pid1: 'systemd', systemdInV1Controllers: false }).driver, 'systemd');
  });

  it('uses cgroupfs without systemd, whatever the version', () => {
    for (const cgroupVersion of [1, 2] as const) {
      const choice = chooseCgroupDriver({ cgroupVersion, pid1: 'init', systemdInV1Controllers: false });
      assert.equal(choice.driver, 'cgroupfs');
      assert.match(choice.reason, /PID 1 is init/u);
    }
  });

  it('on cgroup v1 follows whether systemd manages the controllers', () => {
    assert.equal(chooseCgroupDriver({ cgroupVersion: 1, pid1: 'systemd', systemdInV1Controllers: true }).driver, 'systemd');
    assert.equal(chooseCgroupDriver({ cgroupVersion: 1, pid1: 'systemd', systemdInV1Controllers: false }).driver, 'cgroupfs');
    assert.equal(chooseCgroupDriver({ cgroupVersion: undefined, pid1: 'systemd', systemdInV1Controllers: false }).driver, 'cgroupfs');
  });
});

describe('runtime probe', () => {
  it('parses what the probe prints', () => {
    const probe = parseRuntimeProbe('pid1=systemd\ncgroupfs=tmpfs\nv1slices=no\noom=denied\ncontainerd=containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3\n');
    assert.deepEqual(probe, {
      pid1: 'systemd', cgroupVersion: 1, systemdInV1Controllers: false, restrictOomScoreAdj: true,
      containerdVersion: 'containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3',
    });
    const v2 = parseRuntimeProbe('pid1=systemd\ncgroupfs=cgroup2fs\nv1slices=no\noom=lowered\ncontainerd=\n');
    assert.equal(v2.cgroupVersion, 2);
    assert.equal(v2.restrictOomScoreAdj, false);
    assert.equal(v2.containerdVersion, undefined);
  });

  it('runs under sh and agrees with the OOM probe run on its own', () => {
    const argv = runtimeProbeCommand();
    const probe = parseRuntimeProbe(execFileSync(argv[0] ?? 'sh', argv.slice(1), { encoding: 'utf8' }));
    let exitCode = 0;
    try {
      execFileSync('sh', ['-c', OOM_PROBE], { stdio: 'ignore' });
    } catch (error) {
      exitCode = (error as { status?: number }).status ?? 1;
    }
    assert.equal(probe.restrictOomScoreAdj, restrictOomScoreAdjFromExitCode(exitCode));
    assert.notEqual(probe.pid1, undefined);
  });
});
