import { error, everyRole, ok, skipped, thresholdFor, warn } from './host-check.ts';
import type { HostCheck } from './host-check.ts';
import { kernelAtLeast } from './parse-system-facts.ts';

/** Operating system, hardware and identity checks; kubeadm's names where it has one. */
export const SYSTEM_CHECKS: readonly HostCheck[] = [
  {
    name: 'OperatingSystem',
    appliesTo: everyRole,
    evaluate: ({ facts, settings }) => {
      if (facts.kernelName !== undefined && facts.kernelName !== 'Linux') {
        return error(`the kernel is ${facts.kernelName}, not Linux`, 'Use a Linux server: Kubernetes nodes run Linux.');
      }
      if (facts.os === undefined) return warn('/etc/os-release is missing: cannot tell the distribution', 'Use a distribution with /etc/os-release (Debian 12, Ubuntu 22.04 or newer).');
      if (!settings.supportedOsIds.includes(facts.os.id)) {
        return warn(`${facts.os.prettyName} is not one kit is tested on (${settings.supportedOsIds.join(', ')})`, 'It may work; if a later phase fails, try a supported distribution.');
      }
      return ok(facts.os.prettyName);
    },
  },
  {
    name: 'Architecture',
    appliesTo: everyRole,
    evaluate: ({ facts, settings }) => {
      if (facts.architecture === undefined) return skipped('uname -m printed nothing');
      return settings.architectures.includes(facts.architecture)
        ? ok(facts.architecture)
        : error(`the architecture is ${facts.architecture}; kit ships binaries for ${settings.architectures.join(', ')}`, 'Use a server of a supported architecture.');
    },
  },
  {
    name: 'KernelVersion',
    appliesTo: everyRole,
    evaluate: ({ facts, settings }) => {
      if (facts.kernelRelease === undefined) return skipped('uname -r printed nothing');
      return kernelAtLeast(facts.kernelRelease, settings.minKernel)
        ? ok(`kernel ${facts.kernelRelease}`)
        : error(`kernel ${facts.kernelRelease} is older than ${settings.minKernel}`, `Upgrade the kernel to ${settings.minKernel} or newer and reboot.`);
    },
  },
  {
    name: 'NumCPU',
    appliesTo: everyRole,
    evaluate: ({ node, facts, settings }) => {
      const needed = thresholdFor(settings.minCpus, node.roles);
      if (facts.cpus === undefined) return skipped('nproc printed nothing');
      return facts.cpus >= needed
        ? ok(`${facts.cpus} CPUs (≥ ${needed})`)
        : error(`${facts.cpus} CPU(s); a ${node.roles.join('+')} needs at least ${needed}`, `Give the machine at least ${needed} CPUs.`);
    },
  },
  {
    name: 'Mem',
    appliesTo: everyRole,
    evaluate: ({ node, facts, settings }) => {
      const needed = thresholdFor(settings.minMemoryMiB, node.roles);
      if (facts.memoryMiB === undefined) return skipped('MemTotal is missing from /proc/meminfo');
      return facts.memoryMiB >= needed
        ? ok(`${facts.memoryMiB} MiB (≥ ${needed} MiB)`)
        : error(`${facts.memoryMiB} MiB of memory; a ${node.roles.join('+')} needs at least ${needed} MiB`, `Give the machine at least ${needed} MiB of memory.`);
    },
  },
  {
    name: 'Swap',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      if (facts.swaps.length === 0 && (facts.swapTotalKiB ?? 0) === 0) return ok('swap is off');
      const size = Math.round((facts.swapTotalKiB ?? 0) / 1024);
      return error(
        `swap is on (${facts.swaps.join(', ') || 'unknown device'}, ${size} MiB): the kubelet refuses to start with swap by default`,
        'Run swapoff -a and remove the swap entries from /etc/fstab (and mask swap units: systemctl mask "$(systemctl list-units --type swap --plain --no-legend | cut -d" " -f1)").',
      );
    },
  },
  {
    name: 'IsPrivilegedUser',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      if (facts.uid === undefined) return skipped('id -u printed nothing');
      return facts.uid === 0 ? ok('commands run as root') : error(`commands run as uid ${facts.uid}, not root`, 'Log in as root, or give the SSH user passwordless sudo (NOPASSWD in /etc/sudoers.d/).');
    },
  },
  {
    name: 'DiskFree',
    appliesTo: everyRole,
    evaluate: ({ facts, settings }) => {
      if (facts.disk === undefined) return warn(`df could not measure ${settings.diskPath}`, `Check that ${settings.diskPath} exists: df -h ${settings.diskPath}`);
      const gib = facts.disk.availableKiB / 1024 / 1024;
      const where = `${gib.toFixed(1)} GiB free on ${facts.disk.mount} (holding ${settings.diskPath})`;
      const fix = `Free space or grow the filesystem holding ${settings.diskPath} (du -xh ${settings.diskPath} | sort -h | tail shows what fills it).`;
      if (gib < settings.minDiskFreeGiB) return error(`${where}; at least ${settings.minDiskFreeGiB} GiB is needed`, fix);
      if (gib < settings.recommendedDiskFreeGiB) return warn(`${where}; ${settings.recommendedDiskFreeGiB} GiB is recommended for images and logs`, fix);
      return ok(where);
    },
  },
  {
    name: 'ClockSync',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      const services = facts.timeSync.services.length === 0 ? 'no time service runs' : `running: ${facts.timeSync.services.join(', ')}`;
      const fix = 'Enable time synchronisation: timedatectl set-ntp true (systemd-timesyncd), or apt-get install -y chrony.';
      if (facts.timeSync.synchronized === true) return ok(`the clock is synchronised (${services})`);
      if (facts.timeSync.synchronized === false) return warn(`the clock is not synchronised (${services})`, fix);
      return warn(`cannot tell whether the clock is synchronised (${services})`, fix);
    },
  },
];
