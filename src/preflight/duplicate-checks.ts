import { error, ok, skipped, warn } from './host-check.ts';
import type { HostFacts } from './host-facts.ts';
import type { CheckOutcome, CheckResult, PreflightNode } from './preflight-types.ts';

export interface NodeFacts {
  readonly node: PreflightNode;
  readonly facts: HostFacts;
}

/** The MAC of the interface carrying the node's internal address (the one the cluster sees). */
function primaryMac({ node, facts }: NodeFacts): string | undefined {
  const mac = facts.interfaces.find((candidate) => candidate.addresses.includes(node.internalAddress.toLowerCase()))?.mac;
  return mac === '00:00:00:00:00:00' ? undefined : mac;
}

interface Identity {
  readonly name: string;
  readonly what: string;
  readonly valueOf: (entry: NodeFacts) => string | undefined;
  readonly severity: 'error' | 'warn';
  readonly fix: string;
}

const IDENTITIES: readonly Identity[] = [
  { name: 'DuplicateHostname', what: 'hostname', valueOf: (entry) => entry.facts.hostname, severity: 'error', fix: 'Give each host its own name: hostnamectl set-hostname NAME on all but one of them.' },
  {
    name: 'DuplicateMachineID',
    what: 'machine-id',
    valueOf: (entry) => entry.facts.machineId,
    severity: 'error',
    fix: 'On all but one of them: rm -f /etc/machine-id /var/lib/dbus/machine-id && systemd-machine-id-setup, then reboot (cloned machines keep the image\'s id).',
  },
  {
    name: 'DuplicateMACAddress',
    what: 'MAC address of the internal interface',
    valueOf: primaryMac,
    severity: 'error',
    fix: 'Give each machine\'s network card its own MAC (hypervisor settings; cloned VMs often share one): ip link set dev IFACE address NEW on all but one.',
  },
  {
    name: 'DuplicateProductUUID',
    what: 'product_uuid',
    valueOf: (entry) => entry.facts.productUuid,
    // Kubernetes only reports it as the node's systemUUID; containers share their host's.
    severity: 'warn',
    fix: 'Regenerate the VM\'s UUID in the hypervisor (clones share it); add-ons that key on systemUUID would confuse these nodes.',
  },
];

function judgeIdentity(identity: Identity, entries: readonly NodeFacts[]): CheckOutcome {
  const owners = new Map<string, string[]>();
  for (const entry of entries) {
    const value = identity.valueOf(entry);
    if (value !== undefined && value !== '') owners.set(value, [...(owners.get(value) ?? []), entry.node.name]);
  }
  if (owners.size === 0) return skipped(`no host reported its ${identity.what}`);
  const shared = [...owners].filter(([, names]) => names.length > 1);
  if (shared.length === 0) return ok(`every ${identity.what} is unique (${owners.size} host(s) reported one)`);
  const message = shared.map(([value, names]) => `${identity.what} ${value} is shared by ${names.join(', ')}`).join('; ');
  return identity.severity === 'error' ? error(message, identity.fix) : warn(message, identity.fix);
}

/** Identities that must differ between hosts, checked across all hosts' facts. Pure. */
export function duplicateChecks(entries: readonly NodeFacts[]): readonly CheckResult[] {
  return IDENTITIES.map((identity) => ({ name: identity.name, ...judgeIdentity(identity, entries) }));
}
