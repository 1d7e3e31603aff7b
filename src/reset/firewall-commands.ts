import type { ChainRef } from './reset-plan.ts';

/**
 * Removes chains from one table: first every rule in the remaining chains that jumps (or goes)
 * to one of them, by rule number from the bottom up so numbers stay valid, then flushes them
 * all (they may jump to each other), then deletes them. Reads rules with `-L`, never evals them.
 */
const SCRIPT = [
  'set -eu',
  'tool=$1; table=$2; shift 2',
  'set_=" $* "',
  'for src in $("$tool-save" -t "$table" | sed -n "s/^:\\([^ ]*\\) .*/\\1/p"); do',
  '  case "$set_" in *" $src "*) continue ;; esac',
  '  "$tool" -w 5 -t "$table" -L "$src" -n --line-numbers | awk -v set="$set_" \'NR > 2 && index(set, " " $2 " ") { print $1 }\' | sort -rn | while read -r n; do',
  '    "$tool" -w 5 -t "$table" -D "$src" "$n"',
  '  done',
  'done',
  'for c in "$@"; do "$tool" -w 5 -t "$table" -F "$c"; done',
  'for c in "$@"; do "$tool" -w 5 -t "$table" -X "$c"; done',
].join('\n');

/** One command per tool and table. */
export function removeChainsCommands(chains: readonly ChainRef[]): string[][] {
  const groups = new Map<string, ChainRef[]>();
  for (const ref of chains) groups.set(`${ref.tool} ${ref.table}`, [...(groups.get(`${ref.tool} ${ref.table}`) ?? []), ref]);
  return [...groups.values()].map((refs) => {
    const first = refs[0];
    if (first === undefined) throw new RangeError('empty chain group');
    return ['sh', '-c', SCRIPT, 'kit-remove-chains', first.tool, first.table, ...refs.map((ref) => ref.chain)];
  });
}
