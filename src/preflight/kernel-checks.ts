import type { HostFacts, KernelModuleState } from './host-facts.ts';
import { MODULE_SYMBOLS } from './module-evidence.ts';
import { error, everyRole, ok, skipped, warn } from './host-check.ts';
import type { HostCheck } from './host-check.ts';
import type { CheckOutcome } from './preflight-types.ts';
import type { SysctlRequirement } from './preflight-settings.ts';

/** Evidence a module works even when nothing lists it (built in without parameters, or in a container). */
const ACTIVE_EVIDENCE: Readonly<Record<string, (facts: HostFacts) => boolean>> = {
  overlay: (facts) => facts.filesystems.includes('overlay'),
  br_netfilter: (facts) => facts.bridgeSysctls,
};

function activeInKernel(name: string, facts: HostFacts): boolean {
  const symbol = MODULE_SYMBOLS[name];
  return ACTIVE_EVIDENCE[name]?.(facts) === true || (symbol !== undefined && facts.kernelSymbols.includes(symbol));
}

export function moduleCheck(name: string): HostCheck {
  return { name: `KernelModule-${name}`, appliesTo: everyRole, evaluate: ({ facts }) => judgeModule(name, facts) };
}

function judgeModule(name: string, facts: HostFacts): CheckOutcome {
  const state: KernelModuleState | undefined = facts.modules.find((module) => module.name === name);
  if (state === undefined) return skipped(`the host did not report module ${name}`);
  if (state.loaded) return ok(`${name} is loaded`);
  if (state.builtin || state.inSysfs || state.config === 'builtin' || activeInKernel(name, facts)) return ok(`${name} is built into the kernel`);
  const persist = `echo ${name} > /etc/modules-load.d/${name}.conf`;
  if (state.loadable || state.config === 'module') return warn(`${name} is installed but not loaded`, `Run modprobe ${name} and load it at boot: ${persist}`);
  return error(
    `kernel module ${name} is neither loaded, built in nor installed for kernel ${facts.kernelRelease ?? '?'}`,
    `Install the kernel's extra modules (Ubuntu: apt-get install -y linux-modules-extra-$(uname -r)), then modprobe ${name} and ${persist}`,
  );
}

/** `net.ipv4.ip_forward` → kubeadm's `FileContent--proc-sys-net-ipv4-ip_forward`. */
export function sysctlCheckName(key: string): string {
  return `FileContent--proc-sys-${key.replaceAll('.', '-')}`;
}

export function sysctlCheck(requirement: SysctlRequirement): HostCheck {
  return { name: sysctlCheckName(requirement.key), appliesTo: everyRole, evaluate: ({ facts }) => judgeSysctl(requirement, facts) };
}

function judgeSysctl({ key, value }: SysctlRequirement, facts: HostFacts): CheckOutcome {
  const path = `/proc/sys/${key.replaceAll('.', '/')}`;
  const persist = `sysctl -w ${key}=${value} and keep it across reboots: echo '${key} = ${value}' > /etc/sysctl.d/99-kubernetes.conf`;
  const actual = facts.sysctls[key];
  if (actual === value) return ok(`${key} = ${value}`);
  if (actual === undefined && key.startsWith('net.bridge.') && !facts.bridgeSysctls) {
    return error(
      `${path} does not exist: /proc/sys/net/bridge is absent because br_netfilter is not loaded`,
      `Run modprobe br_netfilter, echo br_netfilter > /etc/modules-load.d/br_netfilter.conf, then ${persist}`,
    );
  }
  if (actual === undefined) return error(`${path} does not exist`, `Check that the kernel supports ${key}, then ${persist}`);
  return error(`${key} is ${actual}, must be ${value}`, `Run ${persist}`);
}

const REQUIRED_CONTROLLERS: Readonly<Record<1 | 2, readonly string[]>> = {
  1: ['cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory', 'pids'],
  2: ['cpu', 'cpuset', 'memory', 'pids'],
};

const UNIFIED_FIX = 'Boot with cgroup v2: add systemd.unified_cgroup_hierarchy=1 to GRUB_CMDLINE_LINUX in /etc/default/grub, run update-grub and reboot.';

export const CGROUP_CHECKS: readonly HostCheck[] = [
  {
    name: 'CgroupVersion',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      if (facts.cgroup.version === 2) return ok('cgroup v2 (unified)');
      if (facts.cgroup.version === 1) return warn('cgroup v1: in maintenance since Kubernetes 1.31; kubelets from 1.35 refuse it unless told otherwise', UNIFIED_FIX);
      return error('no cgroup filesystem is mounted at /sys/fs/cgroup', 'Mount cgroups (systemd does at boot): mount -t cgroup2 none /sys/fs/cgroup');
    },
  },
  {
    name: 'CgroupControllers',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      const version = facts.cgroup.version;
      if (version === undefined) return skipped('no cgroup filesystem to look at');
      const missing = REQUIRED_CONTROLLERS[version].filter((name) => !facts.cgroup.controllers.includes(name));
      if (missing.length === 0) return ok(`cgroup v${version} controllers: ${facts.cgroup.controllers.join(', ')}`);
      const where = version === 2 ? '/sys/fs/cgroup/cgroup.controllers' : 'the mounted v1 hierarchies';
      return error(
        `cgroup controllers missing from ${where}: ${missing.join(', ')}`,
        version === 2
          ? `Enable them in the kernel command line (e.g. cgroup_enable=memory) or, inside a container, delegate them from the parent: echo "+${missing.join(' +')}" > /sys/fs/cgroup/cgroup.subtree_control on the parent.`
          : `Enable them in the kernel command line (e.g. cgroup_enable=memory) and reboot. ${UNIFIED_FIX}`,
      );
    },
  },
];
