export const CONTAINERD_UNIT_PATH = '/etc/systemd/system/containerd.service';

/**
 * containerd's systemd unit. Delegate=yes hands containerd its cgroup subtree (runc creates
 * the containers' cgroups there); KillMode=process stops only containerd on restart, so the
 * shims and the containers they hold keep running; the limits lift systemd's defaults that
 * busy nodes hit (open files, processes); OOMScoreAdjust keeps the OOM killer off containerd
 * (systemd ignores it where lowering is forbidden). The unit in /etc overrides a distribution's.
 */
export function renderContainerdUnit(options: { readonly binaryPath?: string } = {}): string {
  return [
    '# managed by kit',
    '[Unit]',
    'Description=containerd container runtime (managed by kit)',
    'After=network.target local-fs.target',
    '',
    '[Service]',
    'ExecStartPre=-/sbin/modprobe overlay',
    `ExecStart=${options.binaryPath ?? '/usr/local/bin/containerd'}`,
    'Type=notify',
    'Delegate=yes',
    'KillMode=process',
    'Restart=always',
    'RestartSec=5',
    'LimitNOFILE=1048576',
    'LimitNPROC=infinity',
    'LimitCORE=infinity',
    'TasksMax=infinity',
    'OOMScoreAdjust=-999',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
