import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderContainerdUnit } from '../../../src/runtime/containerd-unit.ts';
import { renderCrictlConfig } from '../../../src/runtime/crictl-config.ts';
import { loadModulesCommand, renderModulesLoad, renderSysctlConf } from '../../../src/runtime/kernel-prereqs.ts';
import { runtimeFiles } from '../../../src/runtime/runtime-files.ts';

describe('runtime files', () => {
  it('renders a containerd unit that delegates cgroups and survives restarts', () => {
    const lines = renderContainerdUnit({ binaryPath: '/usr/bin/containerd' }).split('\n');
    for (const line of ['# managed by kit', 'ExecStartPre=-/sbin/modprobe overlay', 'ExecStart=/usr/bin/containerd', 'Delegate=yes', 'KillMode=process', 'LimitNOFILE=1048576', 'Restart=always', 'WantedBy=multi-user.target']) {
      assert.ok(lines.includes(line), `missing ${line}`);
    }
  });

  it('loads overlay, br_netfilter and vxlan at boot', () => {
    assert.deepEqual(renderModulesLoad().split('\n').filter((line) => line !== '' && !line.startsWith('#')), ['overlay', 'br_netfilter', 'vxlan']);
  });

  it('turns on forwarding and bridge netfilter', () => {
    assert.deepEqual(renderSysctlConf().split('\n').filter((line) => line !== '' && !line.startsWith('#')), [
      'net.ipv4.ip_forward = 1', 'net.bridge.bridge-nf-call-iptables = 1', 'net.bridge.bridge-nf-call-ip6tables = 1',
    ]);
  });

  it('skips modprobe for modules built into the kernel', () => {
    const script = loadModulesCommand()[2] ?? '';
    assert.match(script, /\[ -d "\/sys\/module\/\$m" \] && continue/u);
    assert.match(script, /grep -qw overlay \/proc\/filesystems && continue/u);
    assert.ok(script.indexOf('modprobe') > script.indexOf('modules.builtin'), 'modprobe only after the built-in checks');
  });

  it('points crictl at containerd', () => {
    assert.match(renderCrictlConfig(), /^runtime-endpoint: unix:\/\/\/run\/containerd\/containerd\.sock$/mu);
  });

  it('lists each file with the one effect its change needs', () => {
    const files = runtimeFiles({ containerdVersion: { major: 1, minor: 6 }, cgroupDriver: 'cgroupfs', sandboxImage: 'registry.k8s.io/pause:3.10', restrictOomScoreAdj: true, cniBinDir: '/opt/cni/bin', cniConfDir: '/etc/cni/net.d' });
    assert.deepEqual(Object.fromEntries(files.map((file) => [file.path, file.effects])), {
      '/etc/modules-load.d/kit.conf': ['load-modules'],
      '/etc/sysctl.d/99-kit.conf': ['apply-sysctls'],
      '/etc/containerd/config.toml': ['restart-containerd'],
      '/etc/systemd/system/containerd.service': ['reload-units', 'restart-containerd'],
      '/etc/crictl.yaml': ['none'],
    });
    for (const file of files) assert.match(file.content, /^# managed by kit/u);
  });
});
