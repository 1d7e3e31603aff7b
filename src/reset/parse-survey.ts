import type { HostSurvey, PathMeta, PreKitRecord, UnitState } from './host-survey.ts';

/** Splits `tag rest` lines by tag, keeping order. */
function byTag(stdout: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const space = line.indexOf(' ');
    const tag = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    tags.set(tag, [...(tags.get(tag) ?? []), rest]);
  }
  return tags;
}

function unitStates(lines: readonly string[]): Map<string, UnitState> {
  return new Map(lines.map((line) => {
    const [unit = '', enabled = 'not-found', active = 'unknown'] = line.split(' ');
    return [unit, { enabled, active }];
  }));
}

function sysctlValues(lines: readonly string[]): Map<string, string | undefined> {
  return new Map(lines.map((line) => {
    const equals = line.indexOf('=');
    return equals < 0 ? [line, undefined] : [line.slice(0, equals), line.slice(equals + 1)];
  }));
}

function listings(lines: readonly string[]): Map<string, Set<string>> {
  const dirs = new Map<string, Set<string>>();
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const dir = line.slice(0, tab);
    dirs.set(dir, (dirs.get(dir) ?? new Set()).add(line.slice(tab + 1)));
  }
  return dirs;
}

/** `MODE UID GID PATH` lines. */
function metaOf(lines: readonly string[]): Map<string, PathMeta> {
  return new Map(lines.flatMap((line) => {
    const [mode = '', uid = '', gid = '', ...rest] = line.split(' ');
    return rest.length === 0 ? [] : [[rest.join(' '), { mode, uid, gid }] as const];
  }));
}

function parseRecord(tags: Map<string, string[]>): PreKitRecord | undefined {
  if (!tags.has('record')) return undefined;
  const paths = new Map<string, 'f' | 'd' | 'l'>();
  const typed = (tags.get('rec-paths') ?? []).filter((line) => /^[fdl] /u.test(line));
  for (const line of typed) paths.set(line.split(' ').slice(4).join(' '), line[0] as 'f' | 'd' | 'l');
  return {
    legacy: tags.has('record-legacy'),
    stateDirExisted: (tags.get('record-state-dir') ?? [])[0] === 'present',
    paths,
    meta: metaOf(typed.map((line) => line.slice(2))),
    listings: listings(tags.get('rec-listing') ?? []),
    hasTar: tags.has('record-tar'),
    units: unitStates(tags.get('rec-units') ?? []),
    sysctls: sysctlValues(tags.get('rec-sysctls') ?? []),
    modules: new Set(tags.get('rec-modules') ?? []),
    mounts: new Set(tags.get('rec-mounts') ?? []),
  };
}

const CHAIN_TOOLS = new Set(['iptables', 'ip6tables']);

/** Reads the output of renderSurveyScript. */
export function parseSurvey(stdout: string): HostSurvey {
  const tags = byTag(stdout);
  const record = parseRecord(tags);
  const partial = tags.get('record-partial')?.[0];
  const ownedDirs = new Map<string, ReadonlySet<string>>((tags.get('dir') ?? []).map((dir) => [dir, new Set<string>()]));
  for (const [dir, entries] of listings(tags.get('entry') ?? [])) ownedDirs.set(dir, entries);
  const current = sysctlValues(tags.get('sysctl') ?? []);
  return {
    ...(record === undefined ? {} : { record }),
    ...(partial === undefined ? {} : { partialRecord: { stateDirExisted: partial === 'present' } }),
    files: new Set(tags.get('file') ?? []),
    ownedDirs,
    ancestors: new Set(tags.get('ancestor') ?? []),
    meta: metaOf(tags.get('meta') ?? []),
    units: unitStates(tags.get('unit') ?? []),
    sysctls: new Map([...current].flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]))),
    modules: new Set(tags.get('module') ?? []),
    links: new Map((tags.get('link') ?? []).map((line) => {
      const [name = '', master] = line.split(' ');
      return [name, master];
    })),
    chains: (tags.get('chain') ?? []).flatMap((line) => {
      const [tool = '', table = '', chain = ''] = line.split(' ');
      return CHAIN_TOOLS.has(tool) ? [{ tool: tool as 'iptables' | 'ip6tables', table, chain }] : [];
    }),
    nftTables: tags.get('nft') ?? [],
    mounts: tags.get('mount') ?? [],
    processes: Number((tags.get('processes') ?? ['0'])[0]),
    hasConntrack: tags.has('conntrack-tool'),
  };
}
