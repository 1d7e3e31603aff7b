import type { OsRelease } from './host-facts.ts';

/** Reads /etc/os-release lines (`KEY=value`, value optionally quoted). */
export function parseOsRelease(lines: readonly string[]): OsRelease | undefined {
  const values = new Map<string, string>();
  for (const line of lines) {
    const match = /^([A-Z_]+)=(.*)$/u.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1], unquote(match[2]));
  }
  const id = values.get('ID');
  if (id === undefined) return undefined;
  return { id, versionId: values.get('VERSION_ID') ?? '', prettyName: values.get('PRETTY_NAME') ?? id };
}

function unquote(value: string): string {
  const match = /^(["'])(.*)\1$/u.exec(value);
  return match?.[2] ?? value;
}

/** Reads `MemTotal:  24683656 kB` style lines into kibibytes by key. */
export function parseMeminfo(lines: readonly string[]): ReadonlyMap<string, number> {
  const values = new Map<string, number>();
  for (const line of lines) {
    const match = /^(\w+):\s+(\d+)\s*kB/u.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1], Number(match[2]));
  }
  return values;
}

/** /proc/swaps rows (header already dropped): the device or file of each active swap. */
export function parseSwaps(lines: readonly string[]): readonly string[] {
  return lines
    .map((line) => line.trim().split(/\s+/u)[0] ?? '')
    .filter((name) => name !== '' && name !== 'Filename');
}

/** `df -Pk PATH` data row: filesystem, blocks, used, available, capacity, mount. */
export function parseDf(lines: readonly string[]): { mount: string; availableKiB: number } | undefined {
  const fields = lines[0]?.trim().split(/\s+/u) ?? [];
  const available = Number(fields[3]);
  const mount = fields[5];
  if (mount === undefined || !Number.isFinite(available)) return undefined;
  return { mount, availableKiB: available };
}

/** A positive integer, or undefined when the text is not one. */
export function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/u.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Compares dotted kernel versions numerically by major and minor: `6.1.0-18-amd64` ≥ `4.19`. */
export function kernelAtLeast(release: string, minimum: string): boolean {
  const [major = 0, minor = 0] = numbers(release);
  const [minMajor = 0, minMinor = 0] = numbers(minimum);
  return major !== minMajor ? major > minMajor : minor >= minMinor;
}

function numbers(version: string): number[] {
  return (/^(\d+)\.(\d+)/u.exec(version) ?? []).slice(1).map(Number);
}
