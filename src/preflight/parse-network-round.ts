import type { ListenerStatus } from './network-plan.ts';
import { parsePing } from './parse-ping.ts';
import type { PingSummary } from './parse-ping.ts';
import { parseSections, sectionLines } from './parse-sections.ts';

/** What one host's mesh exec found: its listeners' states and its pings to each peer address. */
export interface MeshResult {
  /** `t:6443` → up | busy | failed. */
  readonly listeners: ReadonlyMap<string, ListenerStatus>;
  readonly ping: ReadonlyMap<string, PingSummary | undefined>;
  readonly mtu: ReadonlyMap<string, PingSummary | undefined>;
}

export function parseMeshOutput(output: string, peers: readonly string[]): MeshResult {
  const sections = parseSections(output);
  const listeners = new Map<string, ListenerStatus>();
  // Busy lines come before the `### listen` marker, so read them from the raw text.
  for (const line of output.split('\n')) {
    const match = /^listen ([tu]) (\d+) (up|busy|failed)$/u.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) listeners.set(`${match[1]}:${match[2]}`, match[3] as ListenerStatus);
  }
  const ping = new Map<string, PingSummary | undefined>();
  const mtu = new Map<string, PingSummary | undefined>();
  for (const peer of peers) {
    const dfPing = parsePing(sectionLines(sections, `mtu ${peer}`));
    mtu.set(peer, dfPing);
    // A plain ping runs only when the DF one got nothing back; otherwise the DF one is the ping.
    ping.set(peer, sections.has(`ping ${peer}`) ? parsePing(sectionLines(sections, `ping ${peer}`)) : dfPing);
  }
  return { listeners, ping, mtu };
}

/** One TCP connect attempt: ok, or the reason socat gave. */
export interface TcpProbe {
  readonly ok: boolean;
  readonly reason: string;
}

/** `tcp ADDRESS PORT ok|fail REASON` lines → `ADDRESS PORT` (brackets dropped) → result. */
export function parseProbeOutput(output: string): ReadonlyMap<string, TcpProbe> {
  const probes = new Map<string, TcpProbe>();
  for (const line of output.split('\n')) {
    const match = /^tcp (\S+) (\d+) (ok|fail)\s*(.*)$/u.exec(line.trim());
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const address = match[1].replace(/^\[|\]$/gu, '');
    probes.set(`${address} ${match[2]}`, { ok: match[3] === 'ok', reason: match[4]?.trim() || 'no reason given' });
  }
  return probes;
}

/** `### received PORT` sections → port → the distinct tokens that arrived. */
export function parseCollectOutput(output: string): ReadonlyMap<number, ReadonlySet<string>> {
  const received = new Map<number, ReadonlySet<string>>();
  for (const [name, lines] of parseSections(output)) {
    const port = /^received (\d+)$/u.exec(name)?.[1];
    if (port !== undefined) received.set(Number(port), new Set(lines.map((line) => line.trim())));
  }
  return received;
}
