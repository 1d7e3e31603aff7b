/**
 * The part of OpenSSH's client configuration (ssh_config(5)) the setup wizard uses for its
 * defaults: for the name a user types, which address, user, port and key `ssh NAME` would use.
 * Pure: the caller reads the file. `Match` blocks and `Include` are not evaluated (a wizard
 * default is a suggestion, never a decision), so their settings are skipped.
 */
export interface SshConfigEntry {
  /** 1-based line, for tests and messages. */
  readonly line: number;
  /** Lowercased keyword. */
  readonly keyword: string;
  readonly args: readonly string[];
}

export interface SshConfigBlock {
  /** `Host` patterns; `undefined` for the lines before the first Host (they apply to every host); empty for a `Match` block. */
  readonly patterns: readonly string[] | undefined;
  readonly entries: readonly SshConfigEntry[];
}

export interface SshHostSettings {
  readonly hostName?: string;
  readonly user?: string;
  readonly port?: number;
  /** Every IdentityFile in the order ssh tries them, `~` and `%d %h %r %u %%` expanded. */
  readonly identityFiles: readonly string[];
}

export interface SshExpansion {
  readonly homeDir: string;
  /** The local user name, for `%u`. */
  readonly localUser: string;
}

export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: { patterns: string[] | undefined; entries: SshConfigEntry[] }[] = [{ patterns: undefined, entries: [] }];
  text.split(/\r?\n/u).forEach((raw, index) => {
    const entry = parseLine(raw, index + 1);
    if (entry === undefined) return;
    if (entry.keyword === 'host') blocks.push({ patterns: [...entry.args], entries: [] });
    else if (entry.keyword === 'match') blocks.push({ patterns: [], entries: [] });
    else blocks[blocks.length - 1]?.entries.push(entry);
  });
  return blocks;
}

/** `Keyword args…` or `Keyword=args…`; arguments may be double-quoted; `#` starts a comment line. */
function parseLine(raw: string, line: number): SshConfigEntry | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const match = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/u.exec(text);
  if (match === null) return undefined;
  const args = splitArguments(match[2] ?? '');
  return args.length === 0 ? undefined : { line, keyword: (match[1] ?? '').toLowerCase(), args };
}

function splitArguments(text: string): string[] {
  const args: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/gu)) args.push(match[1] ?? match[2] ?? '');
  return args;
}

/** True when `name` matches the Host line: some pattern matches and no negated one does. */
export function hostMatches(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function globMatches(pattern: string, name: string): boolean {
  const source = [...pattern.toLowerCase()]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(name.toLowerCase());
}

/** What `ssh NAME` would use: for each keyword the first value found wins, as in ssh. */
export function sshSettingsFor(blocks: readonly SshConfigBlock[], name: string, expansion: SshExpansion): SshHostSettings {
  const first = new Map<string, readonly string[]>();
  const identityFiles: string[] = [];
  for (const block of blocks) {
    if (block.patterns !== undefined && !hostMatches(block.patterns, name)) continue;
    for (const entry of block.entries) {
      if (entry.keyword === 'identityfile') identityFiles.push(...entry.args);
      else if (!first.has(entry.keyword)) first.set(entry.keyword, entry.args);
    }
  }
  const hostName = first.get('hostname')?.[0];
  const user = first.get('user')?.[0];
  const port = Number(first.get('port')?.[0]);
  const resolvedHost = hostName === undefined ? name : expand(hostName, { ...expansion, host: name, remoteUser: user ?? '' });
  const tokens = { ...expansion, host: resolvedHost, remoteUser: user ?? expansion.localUser };
  return {
    ...(hostName === undefined ? {} : { hostName: resolvedHost }),
    ...(user === undefined ? {} : { user }),
    ...(Number.isInteger(port) && port >= 1 && port <= 65535 ? { port } : {}),
    identityFiles: identityFiles.map((file) => expand(file, tokens)),
  };
}

function expand(value: string, tokens: SshExpansion & { host: string; remoteUser: string }): string {
  const withHome = value === '~' || value.startsWith('~/') ? `${tokens.homeDir}${value.slice(1)}` : value;
  const table: Readonly<Record<string, string>> = { '%': '%', d: tokens.homeDir, h: tokens.host, r: tokens.remoteUser, u: tokens.localUser };
  return withHome.replace(/%(.)/gu, (whole, token: string) => table[token] ?? whole);
}
