import { canonicalCidr, cidrContains, cidrNetwork, formatCidr, parseCidr } from '../../inventory/cidr.ts';
import { parseIpAddress } from '../../inventory/ip-address.ts';

/** A network a host sits in or routes to: the cluster's own subnets must stay clear of it. */
export interface HostNetwork {
  /** Canonical CIDR. */
  readonly cidr: string;
  /** Who has it and why, for messages: `node1 (eth0)`, `node1 (route)`. */
  readonly source: string;
}

/** The shell command whose output `parseHostNetworks` reads; `ip` missing leaves it empty. */
export const HOST_NETWORKS_SCRIPT = 'ip -o addr show 2>/dev/null; echo @@routes; ip route show table main 2>/dev/null; ip -6 route show table main 2>/dev/null';

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat']);

/** What `ip` reports about one host. */
export interface HostNetworkFacts {
  readonly networks: readonly HostNetwork[];
  /** Its global addresses, in the order `ip` lists them. */
  readonly addresses: readonly string[];
}

/**
 * Networks from `ip -o addr show` (each address with its prefix) and `ip route show` (routed
 * destinations, e.g. a corporate 10.0.0.0/8 behind a gateway). Loopback, link-local and the
 * default route say nothing about which private ranges are in use, so they are left out.
 */
export function parseHostNetworks(host: string, output: string): HostNetworkFacts {
  const [addressLines = '', routes = ''] = output.split('@@routes');
  const found = new Map<string, HostNetwork>();
  const addresses: string[] = [];
  const add = (text: string | undefined, why: string): void => {
    const cidr = text === undefined ? undefined : toCidr(text);
    if (cidr === undefined || isIgnored(cidr) || found.has(cidr)) return;
    found.set(cidr, { cidr, source: `${host} (${why})` });
  };
  for (const line of addressLines.split('\n')) {
    const match = /^\d+:\s+(\S+)\s+inet6?\s+(\S+)/u.exec(line.trim());
    if (match === null) continue;
    add(match[2], (match[1] ?? '').replace(/@.*$/u, ''));
    const address = (match[2] ?? '').split('/')[0] ?? '';
    const network = toCidr(address);
    if (network !== undefined && !isIgnored(network)) addresses.push(address);
  }
  for (const line of routes.split('\n')) {
    const words = line.trim().split(/\s+/u);
    const destination = ROUTE_TYPES.has(words[0] ?? '') ? words[1] : words[0];
    if (destination !== undefined && destination !== 'default') add(destination, 'route');
  }
  return { networks: [...found.values()], addresses };
}

function toCidr(text: string): string | undefined {
  const withPrefix = text.includes('/') ? text : `${text}/${parseIpAddress(text)?.family === 6 ? 128 : 32}`;
  const cidr = parseCidr(withPrefix);
  return cidr === undefined ? undefined : formatCidr(canonicalCidr(cidr));
}

/** Loopback, link-local and multicast: every host has them and no cluster subnet goes there. */
const IGNORED = ['127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', '::1/128', 'fe80::/10', 'ff00::/8'].flatMap((text) => parseCidr(text) ?? []);

function isIgnored(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  if (parsed === undefined || parsed.prefix === 0) return true;
  return IGNORED.some((range) => range.prefix <= parsed.prefix && cidrContains(range, cidrNetwork(parsed)));
}
