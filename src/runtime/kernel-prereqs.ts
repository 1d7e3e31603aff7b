export const MODULES_LOAD_PATH = '/etc/modules-load.d/kit.conf';
export const SYSCTL_PATH = '/etc/sysctl.d/99-kit.conf';

/** overlay for containerd's snapshots, br_netfilter so bridged pod traffic meets iptables, vxlan for kit's overlay. */
export const KIT_KERNEL_MODULES = ['overlay', 'br_netfilter', 'vxlan'] as const;

export const KIT_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_forward': '1',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
};

/** Loaded by systemd-modules-load at every boot. */
export function renderModulesLoad(): string {
  return ['# managed by kit: kernel modules the container runtime and the overlay need', ...KIT_KERNEL_MODULES, ''].join('\n');
}

/** Applied by systemd-sysctl at every boot; the bridge keys exist once br_netfilter is loaded. */
export function renderSysctlConf(): string {
  return ['# managed by kit: forwarding for pod traffic, iptables for bridged pod traffic', ...Object.entries(KIT_SYSCTLS).map(([key, value]) => `${key} = ${value}`), ''].join('\n');
}

/**
 * Loads what is missing now (the file only acts at boot). A module built into the kernel may
 * have no /sys/module entry and no .ko, so modprobe fails on it: count it present when the
 * kernel lists it in modules.builtin or already shows what it provides (the overlay filesystem,
 * /proc/sys/net/bridge). Without a module tree for the running kernel (containers, and kernels
 * built without modules) there is nothing modprobe could load: preflight judges those hosts.
 */
export function loadModulesCommand(): readonly string[] {
  const script = [
    'dir="/lib/modules/$(uname -r)"',
    '[ -d "$dir" ] || exit 0',
    `for m in ${KIT_KERNEL_MODULES.join(' ')}; do`,
    '  [ -d "/sys/module/$m" ] && continue',
    '  grep -qs "/$m.ko" "$dir/modules.builtin" && continue',
    '  case "$m" in',
    '    overlay) grep -qw overlay /proc/filesystems && continue ;;',
    '    br_netfilter) [ -d /proc/sys/net/bridge ] && continue ;;',
    '  esac',
    '  modprobe "$m" || exit 1',
    'done',
  ].join('\n');
  return ['sh', '-c', script];
}

export function applySysctlCommand(): readonly string[] {
  return ['sysctl', '-p', SYSCTL_PATH];
}
