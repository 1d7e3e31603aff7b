import { checkAddress, checkSshUser } from '../../inventory/schema/field-checks.ts';

/** One item of a pasted host list: `[user@]address[:port]`, IPv6 as `[addr]:port` or bare. */
export interface ListedHost {
  readonly address: string;
  readonly user?: string;
  readonly port?: number;
}

/** Items separated by spaces, commas or semicolons; the whole list is refused at the first bad item. */
export function parseHostList(text: string): { readonly hosts: ListedHost[] } | { readonly problem: string } {
  const hosts: ListedHost[] = [];
  for (const item of text.split(/[\s,;]+/u).filter((part) => part !== '')) {
    const host = parseItem(item);
    if (typeof host === 'string') return { problem: `${item}: ${host}` };
    if (hosts.some((known) => known.address === host.address && known.port === host.port)) return { problem: `${item} is listed twice` };
    hosts.push(host);
  }
  return hosts.length === 0 ? { problem: 'no address given' } : { hosts };
}

function parseItem(item: string): ListedHost | string {
  const at = item.lastIndexOf('@');
  const user = at < 0 ? undefined : item.slice(0, at);
  const rest = at < 0 ? item : item.slice(at + 1);
  if (user !== undefined && checkSshUser(user) !== undefined) return `"${user}" is not a user name`;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/u.exec(rest);
  const withPort = /^([^:]+):(\d+)$/u.exec(rest);
  const address = bracketed?.[1] ?? withPort?.[1] ?? rest;
  const portText = bracketed?.[2] ?? withPort?.[2];
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) return `port ${portText ?? ''} is not 1-65535`;
  const problem = checkAddress(address);
  if (problem !== undefined) return problem.message;
  return { address, ...(user === undefined ? {} : { user }), ...(port === undefined ? {} : { port }) };
}
