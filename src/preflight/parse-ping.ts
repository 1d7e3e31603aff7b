/** What one `ping -q` run said about one peer. */
export interface PingSummary {
  readonly transmitted: number;
  readonly received: number;
  readonly lossPercent: number;
  /** Average round trip in ms; undefined when nothing came back. */
  readonly avgMs: number | undefined;
  /** An MTU the kernel or a router reported for DF packets ("mtu=1400", "mtu = 1400"). */
  readonly reportedMtu: number | undefined;
  /** ping's own complaint (`ping: ...`), when it printed one instead of a summary. */
  readonly error: string | undefined;
}

/**
 * Reads the summary of iputils ping (`3 packets transmitted, 3 received, ... rtt min/avg/max/mdev =`)
 * or BusyBox ping (`3 packets received`, `round-trip min/avg/max =`). Undefined when the output
 * has no summary at all (ping missing, bad address).
 */
export function parsePing(lines: readonly string[]): PingSummary | undefined {
  const text = lines.join('\n');
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/u.exec(text);
  const mtu = /mtu ?= ?(\d+)/iu.exec(text)?.[1];
  const error = lines.find((line) => line.startsWith('ping:'))?.slice('ping:'.length).trim();
  if (counts?.[1] === undefined || counts[2] === undefined) {
    if (error === undefined && mtu === undefined) return undefined;
    return { transmitted: 0, received: 0, lossPercent: 100, avgMs: undefined, reportedMtu: mtu === undefined ? undefined : Number(mtu), error };
  }
  const transmitted = Number(counts[1]);
  const received = Number(counts[2]);
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/mdev)? = [\d.]+\/([\d.]+)\//u.exec(text)?.[1];
  return {
    transmitted,
    received,
    lossPercent: transmitted === 0 ? 100 : Math.round(((transmitted - received) / transmitted) * 100),
    avgMs: rtt === undefined || received === 0 ? undefined : Number(rtt),
    reportedMtu: mtu === undefined ? undefined : Number(mtu),
    error,
  };
}
