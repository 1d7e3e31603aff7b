/**
 * Finds the interface that carries a node's internal address and its MTU, from
 * `ip -o link show` and `ip -o addr show` (one line per link / address).
 */
export function parseUnderlayMtu(linkText: string, addrText: string, address: string): { readonly interface: string; readonly mtu: number } | undefined {
  const owner = addrText
    .split('\n')
    .map((line) => /^\d+:\s+(\S+)\s+inet6?\s+([^/\s]+)\//u.exec(line))
    .find((match) => match?.[2] === address)?.[1];
  if (owner === undefined) return undefined;
  for (const line of linkText.split('\n')) {
    const match = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<[^>]*>\s+mtu\s+(\d+)/u.exec(line);
    if (match?.[1] === owner && match[2] !== undefined) return { interface: owner, mtu: Number(match[2]) };
  }
  return undefined;
}
