import { isHostname } from '../dns-names.ts';
import { formatIpAddress, parseIpAddress } from '../ip-address.ts';
import type { PathProblem } from '../inventory-problem.ts';
import { intAt, listAt, stringAt, valueAt } from './raw-access.ts';

/** Rules that look at all hosts together: unique names and addresses, at least one control plane. */
export function checkHosts(raw: unknown): PathProblem[] {
  const hosts = listAt(raw, 'hosts');
  return [...duplicateNames(hosts), ...duplicateAddresses(raw, hosts), ...missingInternalAddresses(hosts), ...missingControlPlane(hosts)];
}

function duplicateNames(hosts: readonly unknown[]): PathProblem[] {
  const seen = new Map<string, number>();
  return hosts.flatMap((host, index) => {
    const name = stringAt(host, 'name');
    if (name === undefined) return [];
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    return first === undefined
      ? []
      : [{ path: ['hosts', index, 'name'], message: `name ${name} is already used by hosts[${first}]`, hint: 'Give every host its own name: it becomes the node name.' }];
  });
}

/**
 * Two hosts may share an SSH address behind NAT (different ports), but never the whole
 * endpoint, and never the address the cluster uses between nodes.
 */
function duplicateAddresses(raw: unknown, hosts: readonly unknown[]): PathProblem[] {
  const defaultPort = intAt(raw, 'ssh', 'port') ?? 22;
  const defaultBastion = stringAt(raw, 'ssh', 'bastion', 'address') ?? '';
  const endpoints = new Map<string, number>();
  const internals = new Map<string, number>();
  const problems: PathProblem[] = [];
  hosts.forEach((host, index) => {
    const address = stringAt(host, 'address');
    if (address === undefined) return;
    const port = intAt(host, 'ssh', 'port') ?? defaultPort;
    const endpoint = `${canonical(address)}|${port}|${stringAt(host, 'ssh', 'bastion', 'address') ?? defaultBastion}`;
    const sameEndpoint = endpoints.get(endpoint);
    if (sameEndpoint === undefined) endpoints.set(endpoint, index);
    else problems.push({ path: ['hosts', index, 'address'], message: `${address} port ${port} is already hosts[${sameEndpoint}]`, hint: 'Each host needs its own address (or its own SSH port behind NAT).' });
    const explicit = stringAt(host, 'internalAddress');
    const internal = explicit ?? (parseIpAddress(address) === undefined ? undefined : address);
    if (internal === undefined || (explicit === undefined && sameEndpoint !== undefined)) return;
    const first = internals.get(canonical(internal));
    if (first === undefined) internals.set(canonical(internal), index);
    else problems.push({ path: ['hosts', index, explicit === undefined ? 'address' : 'internalAddress'], message: `internal address ${internal} is already used by hosts[${first}]`, hint: 'Nodes need distinct internal addresses: set internalAddress on each host.' });
  });
  return problems;
}

function missingInternalAddresses(hosts: readonly unknown[]): PathProblem[] {
  return hosts.flatMap((host, index) => {
    const address = stringAt(host, 'address');
    if (address === undefined || valueAt(host, 'internalAddress') !== undefined || !isHostname(address)) return [];
    return [
      {
        path: ['hosts', index, 'internalAddress'],
        message: `internalAddress is required because address ${address} is a DNS name`,
        hint: 'Set the IP this node uses inside the cluster, e.g. internalAddress: 10.0.0.10',
      },
    ];
  });
}

function missingControlPlane(hosts: readonly unknown[]): PathProblem[] {
  if (hosts.length === 0 || hosts.some((host) => listAt(host, 'roles').includes('control-plane'))) return [];
  return [{ path: ['hosts'], message: 'no host has the control-plane role', hint: 'Add control-plane to the roles of one host (three for high availability).' }];
}

function canonical(address: string): string {
  const ip = parseIpAddress(address);
  return ip === undefined ? address.toLowerCase() : formatIpAddress(ip);
}
