import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderContainerdConfig } from '../../../src/runtime/containerd-config.ts';
import type { ContainerdConfigOptions } from '../../../src/runtime/containerd-config.ts';
import { containerdConfigVersion, parseContainerdVersion } from '../../../src/runtime/containerd-version.ts';

const BASE: ContainerdConfigOptions = {
  containerdVersion: { major: 1, minor: 6 },
  cgroupDriver: 'systemd',
  sandboxImage: 'registry.k8s.io/pause:3.10',
  restrictOomScoreAdj: false,
  cniBinDir: '/opt/cni/bin',
  cniConfDir: '/etc/cni/net.d',
};

/** `[table]` → its `key = value` lines: enough TOML to check where each setting landed. */
function tables(toml: string): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = result.get('') as Map<string, string>;
  for (const line of toml.split('\n').map((text) => text.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const table = /^\[(.+)\]$/u.exec(line);
    if (table?.[1] !== undefined) {
      assert.equal(result.has(table[1]), false, `table ${table[1]} declared twice`);
      current = new Map();
      result.set(table[1], current);
      continue;
    }
    const pair = /^([\w-]+) = (.+)$/u.exec(line);
    assert.ok(pair?.[1] !== undefined && pair[2] !== undefined, `not a key = value line: ${line}`);
    current.set(pair[1], pair[2]);
  }
  return result;
}

describe('renderContainerdConfig', () => {
  it('writes config version 2 for containerd 1.6 and 1.7, under the one CRI plugin', () => {
    const text = renderContainerdConfig(BASE);
    assert.match(text, /^# managed by kit/u);
    const parsed = tables(text);
    assert.equal(parsed.get('')?.get('version'), '2');
    const cri = '"io.containerd.grpc.v1.cri"';
    assert.equal(parsed.get(`plugins.${cri}`)?.get('sandbox_image'), '"registry.k8s.io/pause:3.10"');
    assert.equal(parsed.get(`plugins.${cri}`)?.get('restrict_oom_score_adj'), 'false');
    assert.equal(parsed.get(`plugins.${cri}.containerd`)?.get('snapshotter'), '"overlayfs"');
    assert.equal(parsed.get(`plugins.${cri}.containerd.runtimes.runc`)?.get('runtime_type'), '"io.containerd.runc.v2"');
    assert.equal(parsed.get(`plugins.${cri}.containerd.runtimes.runc.options`)?.get('SystemdCgroup'), 'true');
    assert.equal(parsed.get(`plugins.${cri}.cni`)?.get('bin_dir'), '"/opt/cni/bin"');
    assert.equal(parsed.get(`plugins.${cri}.cni`)?.get('conf_dir'), '"/etc/cni/net.d"');
    assert.equal(renderContainerdConfig({ ...BASE, containerdVersion: { major: 1, minor: 7 } }), text);
  });

  it('writes config version 3 for containerd 2.x, split into images and runtime plugins', () => {
    const parsed = tables(renderContainerdConfig({ ...BASE, containerdVersion: { major: 2, minor: 1 }, cgroupDriver: 'cgroupfs', restrictOomScoreAdj: true, snapshotter: 'native' }));
    assert.equal(parsed.get('')?.get('version'), '3');
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.images'")?.get('snapshotter'), "'native'");
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.images'.pinned_images")?.get('sandbox'), "'registry.k8s.io/pause:3.10'");
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.runtime'")?.get('restrict_oom_score_adj'), 'true');
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options")?.get('SystemdCgroup'), 'false');
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.runtime'.cni")?.get('bin_dirs'), "['/opt/cni/bin']");
  });

  it('uses the singular bin_dir on containerd 2.0, which has no bin_dirs', () => {
    const parsed = tables(renderContainerdConfig({ ...BASE, containerdVersion: { major: 2, minor: 0 } }));
    assert.equal(parsed.get("plugins.'io.containerd.cri.v1.runtime'.cni")?.get('bin_dir'), "'/opt/cni/bin'");
  });

  it('refuses values that would break out of a TOML string', () => {
    assert.throws(() => renderContainerdConfig({ ...BASE, sandboxImage: 'pause"\n[evil]' }), /sandboxImage/u);
  });
});

describe('containerd versions', () => {
  it('reads plain, Debian and --version forms', () => {
    assert.deepEqual(parseContainerdVersion('1.6.20~ds1-1+deb12u3'), { major: 1, minor: 6 });
    assert.deepEqual(parseContainerdVersion('v2.1.3'), { major: 2, minor: 1 });
    assert.deepEqual(parseContainerdVersion('containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3'), { major: 1, minor: 6 });
    assert.deepEqual(parseContainerdVersion('containerd containerd.io v1.7.27 05044ec0a9a75232cad458027ca83437aae3f4da'), { major: 1, minor: 7 });
    assert.throws(() => parseContainerdVersion('command not found'), /cannot read a containerd version/u);
  });

  it('maps 1.x to config version 2 and 2.x to 3', () => {
    assert.equal(containerdConfigVersion({ major: 1, minor: 7 }), 2);
    assert.equal(containerdConfigVersion({ major: 2, minor: 0 }), 3);
  });
});
