/**
 * A small reader of the units kit writes, independent of the renderer's code, so the tests
 * look at the text the way systemd would: sections of `Key=value`, backslash-continued
 * lines, and a command line split on whitespace with double quotes.
 */
export interface ParsedUnit {
  /** section → key → every value given for it, in order. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly firstLine: string;
}

export function parseUnit(text: string): ParsedUnit {
  const joined = text.replace(/\\\n/gu, ' ');
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of joined.split('\n')) {
    const header = /^\[(.+)\]$/u.exec(line.trim());
    if (header?.[1] !== undefined) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    if (line.startsWith('#') || line.trim() === '' || current === undefined) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return { sections, firstLine: text.split('\n')[0] ?? '' };
}

export function unitValue(unit: ParsedUnit, section: string, key: string): string | undefined {
  return unit.sections.get(section)?.get(key)?.at(-1);
}

/** ExecStart's argv, split like systemd (whitespace, double quotes, backslash, `%%` and `$$`). */
export function execStartArgv(unit: ParsedUnit): string[] {
  const line = unitValue(unit, 'Service', 'ExecStart');
  if (line === undefined) throw new Error('unit has no ExecStart');
  const argv: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    if (char === '\\') {
      word = (word ?? '') + (line[++index] ?? '');
    } else if ((char === '%' || char === '$') && line[index + 1] === char) {
      word = (word ?? '') + char;
      index++;
    } else if (char === '"') {
      quoted = !quoted;
      word ??= '';
    } else if (/\s/u.test(char) && !quoted) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) argv.push(word);
  return argv;
}

/** `--name=value` arguments as name → values; other arguments are ignored. */
export function execStartFlags(unit: ParsedUnit): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (const argument of execStartArgv(unit).slice(1)) {
    const match = /^--([^=]+)(?:=(.*))?$/su.exec(argument);
    if (match?.[1] === undefined) continue;
    flags.set(match[1], [...(flags.get(match[1]) ?? []), match[2] ?? '']);
  }
  return flags;
}
