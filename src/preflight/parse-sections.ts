/** The marker the facts script prints before each section. */
const MARKER = '### ';

/**
 * Splits sectioned script output into `name → lines`. Blank lines are dropped; text before
 * the first marker is ignored (a login banner or a sudo lecture must not become a fact).
 */
export function parseSections(text: string): ReadonlyMap<string, readonly string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/u, '');
    if (line.startsWith(MARKER)) {
      current = [];
      sections.set(line.slice(MARKER.length).trim(), current);
    } else if (current !== undefined && line.trim() !== '') {
      current.push(line);
    }
  }
  return sections;
}

/** The lines of one section, empty when it is missing. */
export function sectionLines(sections: ReadonlyMap<string, readonly string[]>, name: string): readonly string[] {
  return sections.get(name) ?? [];
}

/** The first line of a section, trimmed; undefined when the section is empty or missing. */
export function sectionValue(sections: ReadonlyMap<string, readonly string[]>, name: string): string | undefined {
  const value = sections.get(name)?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
