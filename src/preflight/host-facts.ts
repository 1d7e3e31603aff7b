/**
 * What preflight learned about one host, parsed from the facts script's output. Plain data:
 * every field is `undefined` (or empty) when the host did not tell, and checks say so.
 */
export interface OsRelease {
  readonly id: string;
  readonly versionId: string;
  readonly prettyName: string;
}

export interface NetworkInterface {
  readonly name: string;
  readonly mac: string | undefined;
  readonly mtu: number | undefined;
  /** Addresses without their prefix length. */
  readonly addresses: readonly string[];
}

export interface KernelModuleState {
  readonly name: string;
  /** Listed in /proc/modules. */
  readonly loaded: boolean;
  /** /sys/module/NAME exists (loaded, or built in with parameters). */
  readonly inSysfs: boolean;
  /** Listed in modules.builtin. */
  readonly builtin: boolean;
  /** A .ko file exists under /lib/modules: modprobe can load it. */
  readonly loadable: boolean;
  /** What the kernel's config says (/proc/config.gz, /boot/config-*): built in, module, or unknown. */
  readonly config: 'builtin' | 'module' | undefined;
}

export interface CgroupFacts {
  readonly version: 1 | 2 | undefined;
  /** Controllers usable: mounted v1 hierarchies, or the v2 root's cgroup.controllers. */
  readonly controllers: readonly string[];
}

export interface Listener {
  readonly protocol: 'tcp' | 'udp';
  readonly address: string;
  readonly port: number;
  /** `name(pid)` of the first owning process, when ss could tell. */
  readonly process: string | undefined;
}

export type DirState = 'absent' | 'empty' | 'non-empty' | 'not-a-directory';

export interface TimeSyncFacts {
  /** True or false when some service answered; undefined when none could be asked. */
  readonly synchronized: boolean | undefined;
  /** Active time services (systemd-timesyncd, chrony, ntpd, ...). */
  readonly services: readonly string[];
}

export interface HostFacts {
  readonly os: OsRelease | undefined;
  readonly kernelName: string | undefined;
  readonly kernelRelease: string | undefined;
  readonly architecture: string | undefined;
  readonly cpus: number | undefined;
  readonly memoryMiB: number | undefined;
  readonly swapTotalKiB: number | undefined;
  /** Active swap devices or files from /proc/swaps. */
  readonly swaps: readonly string[];
  readonly hostname: string | undefined;
  readonly machineId: string | undefined;
  readonly productUuid: string | undefined;
  readonly interfaces: readonly NetworkInterface[];
  readonly modules: readonly KernelModuleState[];
  readonly filesystems: readonly string[];
  /** Module marker symbols (module-evidence.ts) found in /proc/kallsyms. */
  readonly kernelSymbols: readonly string[];
  /** key → value; a key absent from the map had no file under /proc/sys. */
  readonly sysctls: Readonly<Record<string, string>>;
  /** /proc/sys/net/bridge exists: br_netfilter is active. */
  readonly bridgeSysctls: boolean;
  readonly cgroup: CgroupFacts;
  /** tool → its path; a tool absent from the map was not found on PATH. */
  readonly tools: Readonly<Record<string, string>>;
  /** Listening TCP and UDP sockets; undefined when `ss` failed or is missing. */
  readonly listeners: readonly Listener[] | undefined;
  readonly dirs: Readonly<Record<string, DirState>>;
  /** Distinct process names (/proc/PID/comm, at most 15 characters). */
  readonly processes: readonly string[];
  readonly disk: { readonly mount: string; readonly availableKiB: number } | undefined;
  readonly timeSync: TimeSyncFacts;
  readonly uid: number | undefined;
}
