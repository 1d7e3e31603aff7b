/**
 * Parsers for what iproute2 prints about kit.vxlan (iproute2 5.x/6.x text output). They keep
 * what the diff needs and skip lines they do not understand, so a newer iproute2 that adds
 * words at the end of a line does not break them.
 */
export interface FdbEntry {
  readonly mac: string;
  /** The remote underlay address; absent on entries without one. */
  readonly dst: string | undefined;
  readonly permanent: boolean;
}

export interface NeighbourEntry {
  readonly ip: string;
  readonly mac: string | undefined;
  /** NUD state words in upper case: PERMANENT, REACHABLE, STALE, FAILED... */
  readonly states: readonly string[];
}

export interface RouteEntry {
  /** Always with a prefix length (`10.0.0.5` is read as `10.0.0.5/32`). */
  readonly dst: string;
  readonly via: string | undefined;
  readonly onlink: boolean;
}

export interface VxlanLink {
  readonly name: string;
  readonly up: boolean;
  readonly mtu: number | undefined;
  readonly mac: string | undefined;
  readonly vni: number | undefined;
  readonly local: string | undefined;
  readonly port: number | undefined;
  readonly learning: boolean;
}

const MAC = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/iu;

/** `bridge fdb show dev kit.vxlan`: `02:6b:c6:12:00:03 dst 198.18.0.3 self permanent`. */
export function parseFdb(text: string): FdbEntry[] {
  return lines(text).flatMap((words) => {
    const mac = words[0];
    if (mac === undefined || !MAC.test(mac)) return [];
    return [{ mac: mac.toLowerCase(), dst: valueAfter(words, 'dst'), permanent: words.includes('permanent') }];
  });
}

/** `ip neigh show dev kit.vxlan`: `10.244.1.0 lladdr 02:6b:c6:12:00:03 PERMANENT`. */
export function parseNeighbours(text: string): NeighbourEntry[] {
  return lines(text).flatMap((words) => {
    const ip = words[0];
    if (ip === undefined || !/^[0-9a-f.:]+$/iu.test(ip)) return [];
    const mac = valueAfter(words, 'lladdr')?.toLowerCase();
    return [{ ip, mac, states: words.filter((word) => /^[A-Z_]+$/u.test(word)) }];
  });
}

/** `ip route show dev kit.vxlan`: `10.244.1.0/24 via 10.244.1.0 onlink`. */
export function parseRoutes(text: string): RouteEntry[] {
  return lines(text).flatMap((words) => {
    const dst = words[0];
    if (dst === undefined || !/^[0-9a-f.:]+(?:\/\d+)?$/iu.test(dst)) return [];
    const withPrefix = dst.includes('/') ? dst : `${dst}/${dst.includes(':') ? 128 : 32}`;
    return [{ dst: withPrefix, via: valueAfter(words, 'via'), onlink: words.includes('onlink') }];
  });
}

/** `ip -d link show dev kit.vxlan`; undefined when the output names no link (device absent). */
export function parseVxlanLink(text: string): VxlanLink | undefined {
  const header = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<([^>]*)>(.*)$/mu.exec(text);
  if (header === null) return undefined;
  const flags = (header[2] ?? '').split(',');
  const words = text.split(/\s+/u);
  const vxlanAt = words.indexOf('vxlan');
  const details = vxlanAt < 0 ? [] : words.slice(vxlanAt);
  return {
    name: header[1] ?? '',
    up: flags.includes('UP'),
    mtu: numberAfter(words, 'mtu'),
    mac: valueAfter(words, 'link/ether')?.toLowerCase(),
    vni: numberAfter(details, 'id'),
    local: valueAfter(details, 'local'),
    port: numberAfter(details, 'dstport'),
    learning: !details.includes('nolearning'),
  };
}

/** `ip -4 -o addr show dev kit.vxlan`: the `inet` addresses with their prefix length. */
export function parseAddresses(text: string): string[] {
  return lines(text).flatMap((words) => {
    const address = valueAfter(words, 'inet') ?? valueAfter(words, 'inet6');
    return address === undefined ? [] : [address];
  });
}

function lines(text: string): string[][] {
  return text.split('\n').map((line) => line.trim().split(/\s+/u)).filter((words) => words[0] !== '');
}

function valueAfter(words: readonly string[], key: string): string | undefined {
  const at = words.indexOf(key);
  return at < 0 ? undefined : words[at + 1];
}

function numberAfter(words: readonly string[], key: string): number | undefined {
  const value = valueAfter(words, key);
  return value !== undefined && /^\d+$/u.test(value) ? Number(value) : undefined;
}
