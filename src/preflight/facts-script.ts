import { MODULE_CONFIG, MODULE_SYMBOLS } from './module-evidence.ts';
import type { PreflightSettings } from './preflight-settings.ts';

/** Directories whose contents betray an earlier cluster (checked by the leftover checks). */
export const LEFTOVER_DIRS = ['/etc/kubernetes', '/var/lib/etcd', '/var/lib/kubelet', '/etc/cni/net.d'] as const;

/** Tools the network probes themselves need, gathered whatever the settings list. */
const PROBE_TOOLS = ['ss', 'ping', 'socat', 'bash', 'timeout', 'setsid', 'nft', 'chronyc', 'systemctl'];

/**
 * The one POSIX sh script that gathers every fact a host check needs, in one round trip.
 * Each section starts with a `### name` line; the parsers in parse-*.ts read them. It never
 * fails as a whole: a missing file or tool leaves its section empty, which the checks report.
 * Names interpolated here come from settings, never from a host, and are quoted anyway.
 */
export function factsScript(settings: PreflightSettings): string {
  const tools = [...new Set([...settings.requiredTools, ...settings.recommendedTools, ...PROBE_TOOLS])];
  const sysctlPaths = settings.sysctls.map((sysctl) => `${sysctl.key}=/proc/sys/${sysctl.key.replaceAll('.', '/')}`);
  return [
    'export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"',
    "s() { printf '### %s\\n' \"$1\"; }",
    's os-release; cat /etc/os-release 2>/dev/null',
    's uname; uname -s; uname -r; uname -m',
    's nproc; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null',
    "s meminfo; grep -E '^(MemTotal|SwapTotal):' /proc/meminfo",
    's swaps; tail -n +2 /proc/swaps 2>/dev/null',
    's hostname; cat /proc/sys/kernel/hostname',
    's machine-id; cat /etc/machine-id 2>/dev/null',
    's product-uuid; cat /sys/class/dmi/id/product_uuid 2>/dev/null',
    's links; ip -o link show 2>/dev/null',
    's addresses; ip -o addr show 2>/dev/null',
    's modules; kr=$(uname -r); need=""',
    // The kernel's own config says built in (=y) or module (=m) where /sys/module is hidden (containers).
    `cfg=$({ zcat /proc/config.gz 2>/dev/null || cat "/boot/config-$kr" 2>/dev/null; } | grep -E ${quote(`^(${configNames(settings.kernelModules)})=`)})`,
    `for e in ${words(settings.kernelModules.map((name) => `${name}:${MODULE_SYMBOLS[name] ?? ''}:${MODULE_CONFIG[name] ?? 'NONE'}`))}; do`,
    '  m=${e%%:*}; r=${e#*:}; x=${r%%:*}; c=${r#*:}; l=0; y=0; b=0; f=0; k=-',
    '  grep -q "^$m " /proc/modules 2>/dev/null && l=1',
    '  [ -e "/sys/module/$m" ] && y=1',
    '  grep -qE "/($m|$(printf %s "$m" | tr _ -))\\.ko" "/lib/modules/$kr/modules.builtin" 2>/dev/null && b=1',
    '  case "$cfg" in *"$c=y"*) k=y ;; *"$c=m"*) k=m ;; esac',
    // Searching /lib/modules is slow: only for modules nothing else vouched for.
    '  [ "$l$y$b$k" = 000- ] || [ "$l$y$b$k" = 000m ] && [ -n "$(find "/lib/modules/$kr" -name "$m.ko*" 2>/dev/null | head -n 1)" ] && f=1',
    '  echo "$m loaded=$l sysfs=$y builtin=$b file=$f config=$k"',
    // /proc/kallsyms is the last resort: reading it is costly when many hosts share a machine.
    '  [ "$l$y$b$k" = 000- ] && [ -n "$x" ] && need="$need|$x"',
    'done',
    "s filesystems; awk '{ print $NF }' /proc/filesystems",
    's kallsyms; [ -n "$need" ] && grep -owE "${need#|}" /proc/kallsyms 2>/dev/null | sort -u',
    `s sysctls; for e in ${words(sysctlPaths)}; do`,
    '  k=${e%%=*}; p=${e#*=}; if [ -r "$p" ]; then echo "$k=$(cat "$p")"; else echo "$k"; fi',
    'done; [ -d /proc/sys/net/bridge ] && echo "#bridge-dir"',
    's cgroup-fs; stat -fc %T /sys/fs/cgroup 2>/dev/null',
    "s cgroup-mounts; awk '$0 ~ / - cgroup2? / { print }' /proc/self/mountinfo",
    's cgroup2-controllers; cat /sys/fs/cgroup/cgroup.controllers 2>/dev/null || cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null',
    // No $(...) here: a fork per tool adds up on 20 busy hosts. Found tools print their path.
    `s tools; for t in ${words(tools)}; do printf '%s ' "$t"; command -v "$t" 2>/dev/null || echo; done`,
    's listeners; ss -H -ltnup 2>/dev/null || echo "#failed"',
    `s dirs; for d in ${words(LEFTOVER_DIRS)}; do`,
    '  if [ -d "$d" ]; then n=0; for f in "$d"/* "$d"/.[!.]* "$d"/..?*; do [ -e "$f" ] || [ -L "$f" ] && { n=1; break; }; done; echo "$d $n"',
    '  elif [ -e "$d" ]; then echo "$d file"; else echo "$d absent"; fi',
    'done',
    's processes; cat /proc/[0-9]*/comm 2>/dev/null | sort -u',
    `s disk; df -Pk ${quote(settings.diskPath)} 2>/dev/null | tail -n +2`,
    // Not timedatectl: it starts systemd-timedated over D-Bus, seconds when 20 hosts share a machine.
    's timesync; [ -e /run/systemd/timesync/synchronized ] && echo timesyncd=synchronized',
    "chronyc -n tracking 2>/dev/null | grep -E '^Leap status'",
    "ntpq -pn 2>/dev/null | grep -q '^\\*' && echo ntpd=synchronized",
    's time-services; units="systemd-timesyncd chrony chronyd ntp ntpd ntpsec openntpd"',
    'states=$(systemctl is-active $units 2>/dev/null); set -- $units',
    'for st in $states; do [ "$st" = active ] && echo "$1"; shift; done',
    's uid; id -u',
    's end',
    '',
  ].join('\n');
}

function configNames(modules: readonly string[]): string {
  return modules.map((name) => MODULE_CONFIG[name]).filter((option) => option !== undefined).join('|') || 'CONFIG_NONE';
}

function words(values: readonly string[]): string {
  return values.map(quote).join(' ');
}

/** Single-quotes a value for sh. */
export function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
