/**
 * Files the rig writes into the cached image. Pure data: their text is part of the image
 * hash, so changing any of them builds a new image.
 */
export interface ImageFile {
  /** Path inside the image. */
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

const MARKER = '# managed by kit test rig';

/** Sets a host's address at boot: systemd-networkd never configures host0 under nspawn here. */
const ADDRESS_UNIT = `${MARKER}
[Unit]
Description=Static rig address on host0
DefaultDependencies=no
Before=network-pre.target sysinit.target shutdown.target
Wants=network-pre.target
Conflicts=shutdown.target
ConditionPathExists=/etc/kit-rig/address

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/etc/kit-rig/address
ExecStart=/usr/sbin/ip link set lo up
ExecStart=/usr/sbin/ip addr replace \${ADDRESS} dev host0
ExecStart=/usr/sbin/ip link set host0 up

[Install]
WantedBy=sysinit.target
`;

/** nspawn mounts the cgroup v1 controllers read-only; containerd and the kubelet need them writable. */
const CGROUP_RW_UNIT = `${MARKER}
[Unit]
Description=Make the cgroup v1 controllers writable
DefaultDependencies=no
Before=sysinit.target shutdown.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/kit-rig-cgroup-rw

[Install]
WantedBy=sysinit.target
`;

/** A plain `remount,rw` reports "busy" here; a bind remount works. */
const CGROUP_RW_SCRIPT = `#!/bin/sh
${MARKER}
set -eu
awk '$3 == "cgroup" { print $2 }' /proc/self/mounts | while read -r dir; do
  mount -o remount,bind,rw "$dir"
done
`;

/**
 * vm.* and kernel.* are not per-namespace: a kubelet writing them from a host would change the
 * whole machine. Each host bind-mounts its own small files over those entries (copied up into
 * its overlay on first write), so its reads see the kubelet's values and its writes stay inside.
 */
const SYSCTL_UNIT = `${MARKER}
[Unit]
Description=Host-local stand-ins for machine-wide sysctls
DefaultDependencies=no
Before=sysinit.target systemd-sysctl.service shutdown.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/kit-rig-sysctl

[Install]
WantedBy=sysinit.target
`;

const SYSCTL_SCRIPT = `#!/bin/sh
${MARKER}
set -eu
for file in /etc/kit-rig/sysctl/*; do
  target="/proc/sys/$(basename "$file" | tr . /)"
  [ -e "$target" ] || continue
  grep -q " $target " /proc/self/mountinfo || mount --bind "$file" "$target"
done
`;

/** The values the kubelet checks for and writes when they differ. */
export const HOST_SYSCTLS: Readonly<Record<string, string>> = {
  'vm.overcommit_memory': '1',
  'vm.panic_on_oom': '0',
  'kernel.panic': '10',
  'kernel.panic_on_oops': '1',
  'kernel.keys.root_maxkeys': '1000000',
  'kernel.keys.root_maxbytes': '25000000',
};

const SSHD_CONFIG = `${MARKER}
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
HostKey /etc/ssh/ssh_host_ed25519_key
UseDNS no
`;

/** A short stop timeout keeps a clean poweroff (and so tear-down) quick. */
const SYSTEM_CONF = `${MARKER}
[Manager]
DefaultTimeoutStopSec=10s
`;

/** The kubelet opens /dev/kmsg; nspawn's /dev has none. */
const KMSG_TMPFILES = `${MARKER}
L /dev/kmsg - - - - /dev/console
`;

/** Hosts have no resolver: nothing outside the rig is reachable anyway. */
const RESOLV_CONF = `${MARKER}
# No resolver inside the rig: hosts reach each other by address.
`;

export const IMAGE_FILES: readonly ImageFile[] = [
  { path: 'etc/systemd/system/kit-rig-address.service', content: ADDRESS_UNIT, mode: 0o644 },
  { path: 'etc/systemd/system/kit-rig-cgroup-rw.service', content: CGROUP_RW_UNIT, mode: 0o644 },
  { path: 'usr/local/sbin/kit-rig-cgroup-rw', content: CGROUP_RW_SCRIPT, mode: 0o755 },
  { path: 'etc/ssh/sshd_config.d/kit-rig.conf', content: SSHD_CONFIG, mode: 0o644 },
  { path: 'etc/systemd/system.conf.d/kit-rig.conf', content: SYSTEM_CONF, mode: 0o644 },
  { path: 'etc/tmpfiles.d/kit-rig-kmsg.conf', content: KMSG_TMPFILES, mode: 0o644 },
  { path: 'etc/resolv.conf', content: RESOLV_CONF, mode: 0o644 },
  { path: 'etc/fstab', content: `${MARKER}\n`, mode: 0o644 },
  { path: 'etc/systemd/system/kit-rig-sysctl.service', content: SYSCTL_UNIT, mode: 0o644 },
  { path: 'usr/local/sbin/kit-rig-sysctl', content: SYSCTL_SCRIPT, mode: 0o755 },
  ...Object.entries(HOST_SYSCTLS).map(([name, value]) => ({ path: `etc/kit-rig/sysctl/${name}`, content: `${value}\n`, mode: 0o644 })),
];

/** Units enabled in the image: `[target, unit]` pairs become wants/ symlinks. */
export const ENABLED_UNITS: readonly (readonly [string, string])[] = [
  ['sysinit.target', 'kit-rig-address.service'],
  ['sysinit.target', 'kit-rig-cgroup-rw.service'],
  ['sysinit.target', 'kit-rig-sysctl.service'],
];

/** Units that only cost boot time in a test host (timers, consoles nobody attaches to). */
export const MASKED_UNITS: readonly string[] = [
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'e2scrub_all.timer',
  'e2scrub_reap.service',
  'fstrim.timer',
  'console-getty.service',
  'getty@.service',
  'container-getty@.service',
  'systemd-networkd.service',
  'systemd-networkd-wait-online.service',
  'dpkg-db-backup.timer',
];

/** Image paths removed after debootstrap: identities every host must get on its own. */
export const REMOVED_PATHS: readonly string[] = [
  'etc/machine-id',
  'var/lib/dbus/machine-id',
  'etc/ssh/ssh_host_rsa_key',
  'etc/ssh/ssh_host_rsa_key.pub',
  'etc/ssh/ssh_host_ecdsa_key',
  'etc/ssh/ssh_host_ecdsa_key.pub',
  'etc/ssh/ssh_host_ed25519_key',
  'etc/ssh/ssh_host_ed25519_key.pub',
  'etc/hostname',
];
