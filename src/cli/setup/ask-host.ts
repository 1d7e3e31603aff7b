import type { SshEndpoint } from '../../host/ssh-target.ts';
import { isDnsSubdomain } from '../../inventory/dns-names.ts';
import type { HostRole } from '../../inventory/inventory.ts';
import { isIpAddress } from '../../inventory/ip-address.ts';
import { checkAddress, checkIpAddress, checkNodeName } from '../../inventory/schema/field-checks.ts';
import { askLogin } from './ask-login.ts';
import type { HostFacts } from './host-check.ts';
import type { SetupIo } from './setup-io.ts';
import type { HostAnswers } from './setup-answers.ts';
import type { LocalSshDefaults } from './ssh-defaults.ts';

/** What one host's questions start from: a `--from` host, a pasted list item, or nothing. */
export type HostDefaults = Partial<HostAnswers> & { readonly bastion?: SshEndpoint };

export interface HostQuestion {
  /** 1-based position, for the first question. */
  readonly index: number;
  readonly previous: HostDefaults;
  /** User, port and key of the host answered last: most hosts share them. */
  readonly last?: Pick<HostAnswers, 'user' | 'port' | 'keyFile'>;
  readonly local: LocalSshDefaults;
  readonly knownHostsFile: string;
  /** Names already given to other hosts. */
  readonly takenNames: readonly string[];
  readonly roles: readonly HostRole[];
}

export type HostOutcome = { readonly kind: 'added'; readonly host: HostAnswers; readonly facts: HostFacts } | { readonly kind: 'skipped' };

/** Asks one host's address, login, name and roles; checks the login over SSH before going on. */
export async function askHost(io: SetupIo, question: HostQuestion): Promise<HostOutcome> {
  const { previous, last, local } = question;
  let typed = previous.address;
  for (;;) {
    typed = await io.prompter.text({
      message: `Host ${question.index}: address (IP or DNS name; a Host alias of ~/.ssh/config works too)`,
      ...(typed === undefined ? {} : { default: typed }),
      validate: (value) => checkAddress(local.settingsFor(value).hostName ?? value)?.message,
    });
    const config = local.settingsFor(typed);
    const address = config.hostName ?? typed;
    if (address !== typed) io.print(`  ${typed} is ${address} in ~/.ssh/config`);
    const portText = await io.prompter.text({ message: `${address}: SSH port`, default: String(previous.port ?? config.port ?? last?.port ?? 22), validate: portProblem });
    const port = Number(portText);
    const sameEndpoint = previous.address === address && previous.port === port;
    const login = await askLogin(io, {
      host: { address, port, ...(previous.bastion === undefined ? {} : { bastion: previous.bastion }) },
      user: previous.user ?? config.user ?? last?.user ?? 'root',
      keyFile: previous.keyFile ?? config.identityFiles[0] ?? last?.keyFile ?? local.keyFile ?? `${io.paths.homeDir}/.ssh/id_ed25519`,
      knownHostsFile: question.knownHostsFile,
      ...(sameEndpoint && previous.hostKey !== undefined ? { pinned: previous.hostKey } : {}),
    });
    if (login.kind === 'skip') return { kind: 'skipped' };
    if (login.kind === 'again') continue;
    const { facts } = login;
    const name = await askName(io, question, address, facts.hostname);
    const internalAddress = await askInternalAddress(io, { name, address, facts, ...(previous.internalAddress === undefined ? {} : { previous: previous.internalAddress }) });
    const roles = await askRoles(io, name, previous.roles ?? question.roles);
    const host: HostAnswers = { name, address, ...(internalAddress === undefined ? {} : { internalAddress }), port, user: login.user, keyFile: login.keyFile, hostKey: login.hostKey, roles };
    return { kind: 'added', host, facts };
  }
}

function portProblem(value: string): string | undefined {
  const port = Number(value);
  return /^\d+$/u.test(value) && port >= 1 && port <= 65535 ? undefined : 'a port is a whole number from 1 to 65535';
}

async function askName(io: SetupIo, question: HostQuestion, address: string, hostname: string): Promise<string> {
  const reported = hostname.toLowerCase();
  const fallback = isDnsSubdomain(reported) && !question.takenNames.includes(reported) ? reported : `node${question.index}`;
  return io.prompter.text({
    message: `${address}: node name`,
    default: question.previous.name ?? fallback,
    validate: (value) => (question.takenNames.includes(value) ? `${value} is already the name of another host` : checkNodeName(value)?.message),
  });
}

/** Asked when the address is a DNS name (nodes need an IP) or the old inventory had its own. */
async function askInternalAddress(io: SetupIo, input: { name: string; address: string; facts: HostFacts; previous?: string }): Promise<string | undefined> {
  if (isIpAddress(input.address) && input.previous === undefined) return undefined;
  const answer = await io.prompter.text({
    message: `${input.name}: internal IP (what nodes use to reach each other)`,
    default: input.previous ?? input.facts.addresses[0] ?? (isIpAddress(input.address) ? input.address : ''),
    validate: (value) => checkIpAddress(value)?.message,
  });
  return answer === input.address ? undefined : answer;
}

async function askRoles(io: SetupIo, name: string, roles: readonly HostRole[]): Promise<HostRole[]> {
  const current = roles.length === 2 ? 'both' : roles[0] === 'worker' ? 'worker' : 'control-plane';
  const answer = await io.prompter.select({
    message: `${name}: role`,
    choices: [
      { value: 'control-plane', name: 'control-plane', description: 'runs etcd, the API server, scheduler and controller-manager' },
      { value: 'worker', name: 'worker', description: 'runs pods' },
      { value: 'both', name: 'control-plane + worker', description: 'a control plane that also runs pods' },
    ],
    default: current,
  });
  return answer === 'both' ? ['control-plane', 'worker'] : [answer];
}
