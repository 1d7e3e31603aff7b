import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderContainerdConfig } from '../../../src/runtime/containerd-config.ts';

/** Debian's containerd 1.6 as unpacked by test/artifacts (fetch-debian-binaries); absent on a fresh machine. */
const CONTAINERD = '/var/cache/kit/debian-bin/containerd/containerd';
const present = existsSync(CONTAINERD);

describe(present ? 'containerd 1.6 reads the rendered config' : 'containerd 1.6 reads the rendered config (skipped: no containerd binary in /var/cache/kit/debian-bin)', { skip: !present }, () => {
  it('puts every kit setting where `containerd config dump` finds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-containerd-config-'));
    try {
      const file = join(dir, 'config.toml');
      writeFileSync(file, renderContainerdConfig({
        containerdVersion: { major: 1, minor: 6 }, cgroupDriver: 'systemd', sandboxImage: 'registry.k8s.io/pause:3.10',
        restrictOomScoreAdj: true, snapshotter: 'native', cniBinDir: '/opt/kit-test/bin', cniConfDir: '/etc/kit-test/net.d',
      }));
      const dump = execFileSync(CONTAINERD, ['--config', file, 'config', 'dump'], { encoding: 'utf8' });
      for (const line of [
        'restrict_oom_score_adj = true', 'sandbox_image = "registry.k8s.io/pause:3.10"', 'snapshotter = "native"',
        'bin_dir = "/opt/kit-test/bin"', 'conf_dir = "/etc/kit-test/net.d"', 'SystemdCgroup = true', 'runtime_type = "io.containerd.runc.v2"',
      ]) {
        assert.ok(dump.split('\n').some((text) => text.trim() === line), `containerd config dump lacks ${line}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
