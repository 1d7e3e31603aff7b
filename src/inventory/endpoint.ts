import { isHostname } from './dns-names.ts';
import { parseIpAddress } from './ip-address.ts';

/** A `host[:port]` network endpoint; IPv6 hosts are written in brackets (`[2001:db8::1]:6443`). */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** Parses `host`, `host:port`, `[ipv6]` or `[ipv6]:port`; undefined when malformed. */
export function parseEndpoint(text: string, defaultPort: number): Endpoint | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/u.exec(text);
  const plain = /^([^:[\]]+)(?::(\d+))?$/u.exec(text);
  const match = bracketed ?? plain;
  if (match === null) return undefined;
  const host = match[1] ?? '';
  const ip = parseIpAddress(host);
  if (bracketed !== null ? ip?.family !== 6 : ip === undefined && !isHostname(host)) return undefined;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || match[2]?.startsWith('0') === true) return undefined;
  return { host, port };
}

export function formatEndpoint(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}
