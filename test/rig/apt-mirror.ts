import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { RigError } from './rig-error.ts';

export interface AptMirror {
  /** The archive URI the machine's apt uses for the suite. */
  readonly uri: string;
  /** The keyring that signs it, when the source names one. */
  readonly keyring?: string;
}

interface SourceEntry {
  readonly types: readonly string[];
  readonly uris: readonly string[];
  readonly suites: readonly string[];
  readonly components: readonly string[];
  readonly enabled: boolean;
  readonly signedBy?: string;
}

/** Parses deb822 `.sources` text into its stanzas (comments and continuation lines handled). */
export function parseDeb822Sources(text: string): SourceEntry[] {
  const stanzas = text.split(/\n\s*\n/u);
  return stanzas.flatMap((stanza) => {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      const continuation = /^\s/u.test(line);
      const match = /^([A-Za-z-]+):\s*(.*)$/u.exec(line);
      if (continuation && current !== undefined) fields.set(current, `${fields.get(current) ?? ''} ${line.trim()}`);
      else if (match?.[1] !== undefined) fields.set((current = match[1].toLowerCase()), match[2] ?? '');
    }
    if (!fields.has('uris')) return [];
    const words = (key: string): string[] => (fields.get(key) ?? '').split(/\s+/u).filter((word) => word !== '');
    const signedBy = fields.get('signed-by')?.trim();
    return [{
      types: words('types'),
      uris: words('uris'),
      suites: words('suites'),
      components: words('components'),
      enabled: (fields.get('enabled') ?? 'yes').trim().toLowerCase() !== 'no',
      ...(signedBy === undefined || signedBy === '' || signedBy.includes('\n') ? {} : { signedBy }),
    }];
  });
}

/** Parses one-line `deb [options] URI SUITE COMPONENT...` sources. */
export function parseOneLineSources(text: string): SourceEntry[] {
  return text.split('\n').flatMap((raw) => {
    const line = raw.replace(/#.*$/u, '').trim();
    const match = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/u.exec(line);
    if (match === null) return [];
    const signedBy = /signed-by=(\S+)/u.exec(match[2] ?? '')?.[1];
    return [{
      types: [match[1] ?? ''],
      uris: [match[3] ?? ''],
      suites: [match[4] ?? ''],
      components: (match[5] ?? '').split(/\s+/u).filter((word) => word !== ''),
      enabled: true,
      ...(signedBy === undefined ? {} : { signedBy }),
    }];
  });
}

/** Picks the first enabled binary source that serves `suite` with component main. */
export function pickMirror(entries: readonly SourceEntry[], suite: string): AptMirror | undefined {
  const entry = entries.find(
    (candidate) =>
      candidate.enabled && candidate.types.includes('deb') && candidate.suites.includes(suite) && candidate.components.includes('main'),
  );
  const uri = entry?.uris[0];
  if (entry === undefined || uri === undefined) return undefined;
  return entry.signedBy === undefined ? { uri } : { uri, keyring: entry.signedBy };
}

/**
 * Reads the Debian mirror the machine's apt is configured with, so the image comes from the
 * same place as the machine's own packages (and the repository never names a mirror).
 */
export async function readAptMirror(options: { suite: string; aptDir?: string }): Promise<AptMirror> {
  const aptDir = options.aptDir ?? '/etc/apt';
  const entries: SourceEntry[] = [];
  const partsDir = path.join(aptDir, 'sources.list.d');
  const parts = await readdir(partsDir).catch(() => [] as string[]);
  for (const name of parts.toSorted()) {
    const text = await readFile(path.join(partsDir, name), 'utf8').catch(() => '');
    if (name.endsWith('.sources')) entries.push(...parseDeb822Sources(text));
    else if (name.endsWith('.list')) entries.push(...parseOneLineSources(text));
  }
  entries.push(...parseOneLineSources(await readFile(path.join(aptDir, 'sources.list'), 'utf8').catch(() => '')));
  const mirror = pickMirror(entries, options.suite);
  if (mirror === undefined) {
    throw new RigError(`no apt source for Debian ${options.suite} (main) in ${partsDir} or ${path.join(aptDir, 'sources.list')}`, {
      hint: `Configure apt with a ${options.suite} source (deb822 .sources or a deb line), then run apt-get update.`,
    });
  }
  return mirror;
}
