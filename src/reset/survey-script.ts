import type { Footprint } from './footprint.ts';
import { PARTIAL_RECORD_DIR, PRE_KIT_RECORD_DIR } from './record-paths.ts';

/**
 * A read-only look at what of kit is on a host, and the host's pre-kit record. Reads the
 * footprint lines (record-input.ts) on stdin; prints one fact a line, each tagged, which
 * parseSurvey turns into HostSurvey. Every tool it calls may be missing on a half-made host.
 */
export function renderSurveyScript(footprint: Footprint): string {
  const unitPattern = footprint.units.map((unit) => unit.replaceAll('.', '\\.')).join('|');
  return [
    'export LC_ALL=C PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"',
    `R=${PRE_KIT_RECORD_DIR}`,
    'if [ -d "$R" ]; then',
    '  echo "record yes"',
    '  [ -e "$R/legacy" ] && echo "record-legacy"',
    '  [ -e "$R/files.tar" ] && echo "record-tar"',
    '  echo "record-state-dir $(cat "$R/state-dir" 2>/dev/null)"',
    '  for part in paths listing units sysctls modules mounts; do sed "s|^|rec-$part |" "$R/$part" 2>/dev/null; done',
    'fi',
    `[ -d ${PARTIAL_RECORD_DIR} ] && echo "record-partial $(cat ${PARTIAL_RECORD_DIR}/state-dir 2>/dev/null)"`,
    'input=$(cat)',
    'echo "$input" | while read -r kind value; do',
    '  case "$kind" in',
    '    f) if [ -e "$value" ] || [ -L "$value" ]; then echo "file $value"; fi ;;',
    '    d) if [ -d "$value" ]; then echo "dir $value"; echo "meta $(stat -c "%a %u %g" "$value") $value"; ls -A1 "$value" | awk -v d="$value" \'{ print "entry " d "\\t" $0 }\'; fi ;;',
    '    a) if [ -d "$value" ]; then echo "ancestor $value"; echo "meta $(stat -c "%a %u %g" "$value") $value"; fi ;;',
    '    u) e=$(systemctl is-enabled "$value" 2>/dev/null); a=$(systemctl is-active "$value" 2>/dev/null); echo "unit $value ${e:-not-found} ${a:-unknown}" ;;',
    '    s) f="/proc/sys/$(echo "$value" | tr . /)"; if [ -r "$f" ]; then echo "sysctl $value=$(cat "$f")"; fi ;;',
    '    m) if [ -d "/sys/module/$value" ]; then echo "module $value"; fi ;;',
    '  esac',
    'done',
    'ip -o link show 2>/dev/null | awk \'{ n = $2; sub(/:$/, "", n); sub(/@.*/, "", n); m = ""; for (i = 3; i < NF; i++) if ($i == "master") m = $(i + 1); print "link " n (m == "" ? "" : " " m) }\'',
    'for tool in iptables ip6tables; do',
    '  command -v "$tool-save" >/dev/null 2>&1 || continue',
    '  for table in filter nat mangle raw; do',
    '    "$tool-save" -t "$table" 2>/dev/null | sed -n "s/^:\\([^ ]*\\) .*/chain $tool $table \\1/p"',
    '  done',
    'done',
    'if command -v nft >/dev/null 2>&1; then nft list tables 2>/dev/null | sed -n "s/^table \\(.*\\)/nft \\1/p"; fi',
    'awk \'{ print "mount " $5 }\' /proc/self/mountinfo',
    `n=$(grep -lE '/(${unitPattern})$|kubepods' /proc/[0-9]*/cgroup 2>/dev/null | wc -l); echo "processes $n"`,
    'command -v conntrack >/dev/null 2>&1 && echo "conntrack-tool"',
    'exit 0',
  ].join('\n');
}
