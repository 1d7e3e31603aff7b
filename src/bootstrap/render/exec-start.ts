import type { Flag } from '../versions/version-table.ts';

/** Characters that need neither quoting nor escaping in a systemd command line. */
const PLAIN = /^[A-Za-z0-9_./:=,@+*[\]-]+$/u;

/**
 * The `ExecStart=` value: the binary and any leading arguments, then one `--name=value` per
 * line, sorted by name so a diff between two renders shows only what changed. Duplicate names
 * are a bug in the caller.
 */
export function renderExecStart(binary: string, flags: readonly Flag[], args: readonly string[] = []): string {
  const sorted = [...flags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [index, [name]] of sorted.entries()) {
    if (index > 0 && sorted[index - 1]?.[0] === name) throw new RangeError(`flag --${name} given twice`);
  }
  const lines = [[binary, ...args].map(quoteArgument).join(' '), ...sorted.map(([name, value]) => `  ${quoteArgument(`--${name}=${value}`)}`)];
  return lines.join(' \\\n');
}

/**
 * Quotes one argument for systemd's command-line parser: `%` starts a specifier and `$` an
 * environment variable there, so both are doubled; anything unusual is double-quoted.
 */
export function quoteArgument(argument: string): string {
  if (PLAIN.test(argument)) return argument;
  const escaped = argument
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('%', '%%')
    .replaceAll('$', '$$$$');
  return `"${escaped}"`;
}
