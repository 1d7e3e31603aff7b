import type { Footprint } from './footprint.ts';

/**
 * SIGKILLs every process still in the cgroup of one of kit's units or of a pod: containerd's
 * shims outlive `systemctl stop` (KillMode=process) and containers outlive their shims. Looks
 * again until none is left (a dying shim may leave a container reparented), for 10 s at most;
 * then removes the pods' empty cgroups.
 */
export function killLeftoversCommand(footprint: Footprint): string[] {
  const units = footprint.units.map((unit) => unit.replaceAll('.', '\\.')).join('|');
  const script = [
    `pattern='/(${units})$|kubepods'`,
    'i=0',
    'while :; do',
    '  pids=$(grep -lE "$pattern" /proc/[0-9]*/cgroup 2>/dev/null | sed -n "s|^/proc/\\([0-9]*\\)/cgroup$|\\1|p" | grep -vx "$$" || true)',
    '  [ -n "$pids" ] || break',
    '  i=$((i + 1)); [ "$i" -le 10 ] || { echo "still running after SIGKILL: $pids" >&2; exit 1; }',
    '  kill -9 $pids 2>/dev/null || true',
    '  sleep 1',
    'done',
    '# The kubelet\'s cgroupfs pod cgroups (systemd removes its own kubepods.slice), deepest first.',
    'find /sys/fs/cgroup -depth -type d -path "*/kubepods*" ! -path "*.slice*" -exec rmdir {} + 2>/dev/null',
    'exit 0',
  ].join('\n');
  return ['sh', '-c', script, 'kit-kill-leftovers'];
}
