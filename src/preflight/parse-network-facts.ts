import type { Listener, NetworkInterface } from './host-facts.ts';

/** `ip -o link show` lines: index, name (maybe `name@peer`), mtu, link/ether MAC. */
function parseLinks(lines: readonly string[]): Map<string, { mac: string | undefined; mtu: number | undefined }> {
  const links = new Map<string, { mac: string | undefined; mtu: number | undefined }>();
  for (const line of lines) {
    const name = /^\d+:\s+([^:@\s]+)/u.exec(line)?.[1];
    if (name === undefined) continue;
    const mtu = /\bmtu (\d+)/u.exec(line)?.[1];
    const mac = /link\/ether ([0-9a-f:]{17})/iu.exec(line)?.[1]?.toLowerCase();
    links.set(name, { mac, mtu: mtu === undefined ? undefined : Number(mtu) });
  }
  return links;
}

/** `ip -o addr show` lines: index, name, family, address/prefix. */
function parseAddresses(lines: readonly string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const line of lines) {
    const match = /^\d+:\s+([^:@\s]+)\s+inet6?\s+([0-9a-f.:]+)(?:\/\d+)?/iu.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const list = byName.get(match[1]) ?? [];
    list.push(match[2].toLowerCase());
    byName.set(match[1], list);
  }
  return byName;
}

/** Joins `ip -o link` and `ip -o addr` output into one record per interface. */
export function parseInterfaces(linkLines: readonly string[], addressLines: readonly string[]): readonly NetworkInterface[] {
  const links = parseLinks(linkLines);
  const addresses = parseAddresses(addressLines);
  const names = [...new Set([...links.keys(), ...addresses.keys()])];
  return names.map((name) => ({
    name,
    mac: links.get(name)?.mac,
    mtu: links.get(name)?.mtu,
    addresses: addresses.get(name) ?? [],
  }));
}

/**
 * `ss -H -ltnup` lines: netid, state, recv-q, send-q, local address:port, peer, [process].
 * Local addresses come as `0.0.0.0:22`, `*:22`, `[::]:22` or `127.0.0.53%lo:53`.
 */
export function parseListeners(lines: readonly string[]): readonly Listener[] | undefined {
  if (lines.some((line) => line.trim() === '#failed')) return undefined;
  const listeners: Listener[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/u);
    const protocol = fields[0];
    const local = fields[4];
    if ((protocol !== 'tcp' && protocol !== 'udp') || local === undefined) continue;
    const separator = local.lastIndexOf(':');
    const port = Number(local.slice(separator + 1));
    if (separator < 0 || !Number.isInteger(port)) continue;
    const address = local.slice(0, separator).replace(/^\[|\]$/gu, '').replace(/%.*$/u, '');
    listeners.push({ protocol, address, port, process: ownerOf(fields.slice(6).join(' ')) });
  }
  return listeners;
}

/** `users:(("sshd",pid=14085,fd=4))` → `sshd(14085)`. */
function ownerOf(text: string): string | undefined {
  const match = /\(\("([^"]+)",pid=(\d+)/u.exec(text);
  return match === null ? undefined : `${match[1]}(${match[2]})`;
}
