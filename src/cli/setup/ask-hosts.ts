import { formatCidr } from '../../inventory/cidr.ts';
import type { HostRole } from '../../inventory/inventory.ts';
import { IP_BITS, parseIpAddress } from '../../inventory/ip-address.ts';
import { askHost } from './ask-host.ts';
import type { HostDefaults, HostOutcome } from './ask-host.ts';
import type { HostNetwork } from './host-networks.ts';
import { parseHostList } from './host-list.ts';
import type { SetupIo } from './setup-io.ts';
import type { HostAnswers } from './setup-answers.ts';
import type { LocalSshDefaults } from './ssh-defaults.ts';

export interface HostsQuestion {
  /** The `--from` hosts (with their jump hosts); empty for a new inventory. */
  readonly previous: readonly HostDefaults[];
  readonly local: LocalSshDefaults;
  readonly knownHostsFile: string;
}

export interface HostsOutcome {
  readonly hosts: readonly HostAnswers[];
  /** Every network the hosts sit in or route to, and their own addresses. */
  readonly networks: readonly HostNetwork[];
}

/**
 * The hosts, each checked over SSH as it is entered: the `--from` ones one by one, else one by
 * one or pasted as a list; then more until the user is done. At least one must be a control plane.
 */
export async function askHosts(io: SetupIo, question: HostsQuestion): Promise<HostsOutcome> {
  const hosts: HostAnswers[] = [];
  const networks: HostNetwork[] = [];
  const ask = async (previous: HostDefaults): Promise<void> => {
    const last = hosts.at(-1);
    const outcome: HostOutcome = await askHost(io, {
      index: hosts.length + 1,
      previous,
      ...(last === undefined ? {} : { last }),
      local: question.local,
      knownHostsFile: question.knownHostsFile,
      takenNames: hosts.map((host) => host.name),
      roles: defaultRoles(hosts),
    });
    if (outcome.kind === 'skipped') return;
    hosts.push(outcome.host);
    networks.push(...outcome.facts.networks, ...ownAddresses(outcome.host));
  };
  for (const previous of await firstHosts(io, question)) await ask(previous);
  while (hosts.length === 0 || (await io.prompter.confirm({ message: 'Add another host?', default: false }))) await ask({});
  if (!hosts.some((host) => host.roles.includes('control-plane'))) await pickControlPlane(io, hosts);
  return { hosts, networks };
}

async function firstHosts(io: SetupIo, question: HostsQuestion): Promise<readonly HostDefaults[]> {
  if (question.previous.length > 0) return question.previous;
  const mode = await io.prompter.select({
    message: 'How do you want to enter the hosts?',
    choices: [
      { value: 'one', name: 'one by one' },
      { value: 'list', name: 'paste a list of addresses' },
    ],
    default: 'one',
  });
  if (mode === 'one') return [{}];
  const text = await io.prompter.text({
    message: 'Host addresses, separated by spaces or commas ([user@]address[:port])',
    validate: (value) => {
      const parsed = parseHostList(value);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  const parsed = parseHostList(text);
  return 'hosts' in parsed ? parsed.hosts : [];
}

/** The first host runs the control plane, the others are workers, unless answered otherwise. */
function defaultRoles(hosts: readonly HostAnswers[]): HostRole[] {
  return hosts.some((host) => host.roles.includes('control-plane')) ? ['worker'] : ['control-plane'];
}

async function pickControlPlane(io: SetupIo, hosts: HostAnswers[]): Promise<void> {
  io.print('  A cluster needs at least one control-plane host.');
  const name = await io.prompter.select({ message: 'Which host runs the control plane?', choices: hosts.map((host) => ({ value: host.name, name: host.name })) });
  const index = hosts.findIndex((host) => host.name === name);
  const chosen = hosts[index];
  if (chosen !== undefined) hosts[index] = { ...chosen, roles: ['control-plane', ...chosen.roles.filter((role) => role !== 'control-plane')] };
}

/** The addresses kit uses for the host, which may not be on its interfaces (NAT, a public IP). */
function ownAddresses(host: HostAnswers): HostNetwork[] {
  return [host.address, host.internalAddress].flatMap((address) => {
    const ip = address === undefined ? undefined : parseIpAddress(address);
    return ip === undefined ? [] : [{ cidr: formatCidr({ address: ip, prefix: IP_BITS[ip.family] }), source: `${host.name} (its address)` }];
  });
}
