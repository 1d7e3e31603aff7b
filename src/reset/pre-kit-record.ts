import type { Host } from '../host/host.ts';
import type { Footprint } from './footprint.ts';
import { footprintLines } from './record-input.ts';
import { KIT_STATE_DIR, PARTIAL_RECORD_DIR, PRE_KIT_RECORD_DIR } from './record-paths.ts';

export type RecordOutcome = 'taken' | 'kept' | 'legacy';

/**
 * The record's files:
 * - `state-dir`: whether kit's state directory existed before (`present`/`absent`);
 * - `paths`: `TYPE MODE UID GID PATH` of every footprint path that existed (f, d, l);
 * - `listing`: `DIR<TAB>ENTRY` of the owned directories that existed;
 * - `files.tar`: the files (and symlinks) that existed, with owners and modes;
 * - `units`: `UNIT ENABLED ACTIVE` as systemctl said; `sysctls`: `KEY=VALUE` or a lone `KEY`
 *   when absent; `modules`: the modules that were loaded; `mounts`: every mount point;
 * - `legacy`: present when kit had already been here without taking a record (nothing to restore).
 */
export function renderRecordScript(footprint: Pick<Footprint, 'clusterMarker'>): string {
  return [
    'set -eu',
    'export LC_ALL=C',
    `R=${PRE_KIT_RECORD_DIR}; P=${PARTIAL_RECORD_DIR}; S=${KIT_STATE_DIR}`,
    '[ -d "$R" ] && { echo kept; exit 0; }',
    'input=$(cat)',
    '# A record cut short by a killed run: it already knows whether kit\'s state dir predates kit.',
    'if [ -f "$P/state-dir" ]; then state=$(cat "$P/state-dir"); elif [ -d "$S" ]; then state=present; else state=absent; fi',
    'rm -rf "$P"; mkdir -p "$P"; chmod 700 "$P"',
    'echo "$state" > "$P/state-dir"',
    `if [ -e ${footprint.clusterMarker} ]; then : > "$P/legacy"; mv "$P" "$R"; echo legacy; exit 0; fi`,
    ': > "$P/paths"; : > "$P/listing"; : > "$P/units"; : > "$P/sysctls"; : > "$P/modules"; : > "$P/tarlist"',
    'echo "$input" | while read -r kind value; do',
    '  case "$kind" in',
    '    f|d|a)',
    '      if [ -L "$value" ]; then t=l; elif [ -d "$value" ]; then t=d; elif [ -e "$value" ]; then t=f; else continue; fi',
    '      echo "$t $(stat -c "%a %u %g" "$value") $value" >> "$P/paths"',
    '      if [ "$kind" = f ] && [ "$t" != d ]; then echo "$value" >> "$P/tarlist"; fi',
    '      if [ "$kind" = d ] && [ "$t" = d ]; then ls -A1 "$value" | awk -v d="$value" \'{ print d "\\t" $0 }\' >> "$P/listing"; fi',
    '      ;;',
    '    u) echo "$value $(systemctl is-enabled "$value" 2>/dev/null || true) $(systemctl is-active "$value" 2>/dev/null || true)" | awk \'{ print $1, ($2 == "" ? "not-found" : $2), ($3 == "" ? "unknown" : $3) }\' >> "$P/units" ;;',
    '    s) f="/proc/sys/$(echo "$value" | tr . /)"; if [ -r "$f" ]; then echo "$value=$(cat "$f")"; else echo "$value"; fi >> "$P/sysctls" ;;',
    '    m) if [ -d "/sys/module/$value" ]; then echo "$value" >> "$P/modules"; fi ;;',
    '  esac',
    'done',
    'if [ -s "$P/tarlist" ]; then tar -cpPf "$P/files.tar" -T "$P/tarlist"; fi',
    'awk \'{ print $5 }\' /proc/self/mountinfo > "$P/mounts"',
    'sync',
    'mv "$P" "$R"',
    'echo taken',
  ].join('\n');
}

/**
 * Takes the record unless the host has one: run before kit's first write on the host. A host
 * kit prepared before records existed gets a `legacy` record: reset then removes all of kit's
 * footprint and has nothing to restore.
 */
export async function takePreKitRecord(host: Host, footprint: Footprint, signal?: AbortSignal): Promise<RecordOutcome> {
  const result = await host.exec(['sh', '-c', renderRecordScript(footprint)], { stdin: footprintLines(footprint), displayAs: 'record the host before kit', ...(signal === undefined ? {} : { signal }) });
  const outcome = result.stdout.trim().split('\n').at(-1);
  if (outcome !== 'taken' && outcome !== 'kept' && outcome !== 'legacy') throw new Error(`${host.name}: the pre-kit record script printed ${JSON.stringify(result.stdout)}`);
  return outcome;
}

/** Whether the host already has a complete record (the prepare plan asks, to list the step). */
export async function hasPreKitRecord(host: Host, signal?: AbortSignal): Promise<boolean> {
  const result = await host.exec(['test', '-d', PRE_KIT_RECORD_DIR], { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  return result.exitCode === 0;
}
