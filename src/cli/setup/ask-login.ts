import { isKitError } from '../../errors/kit-error.ts';
import { contractPath, expandPath } from '../../inventory/expand-path.ts';
import { checkLocalPath, checkSshUser } from '../../inventory/schema/field-checks.ts';
import { formatError } from '../format-error.ts';
import { confirmHostKey } from './confirm-host-key.ts';
import { checkLogin, presentedHostKey } from './host-check.ts';
import type { CandidateHost, HostFacts } from './host-check.ts';
import type { SetupIo } from './setup-io.ts';

export interface LoginQuestion {
  readonly host: Omit<CandidateHost, 'user' | 'keyFile'>;
  readonly user: string;
  readonly keyFile: string;
  /** The `--from` pin for this address and port. */
  readonly pinned?: string;
  readonly knownHostsFile: string;
}

export type LoginOutcome =
  | { readonly kind: 'ok'; readonly user: string; readonly keyFile: string; readonly hostKey: string; readonly facts: HostFacts }
  /** Ask for the address again (unreachable, or the key was not trusted and the user wants another go). */
  | { readonly kind: 'again' }
  | { readonly kind: 'skip' };

/**
 * Asks the SSH user and key, then checks them for real: the host key is shown and must be
 * trusted, the login must succeed and sudo must work. Every failure is shown with its fix at
 * once; a refused login or sudo asks the user and key again, anything else the address.
 */
export async function askLogin(io: SetupIo, question: LoginQuestion): Promise<LoginOutcome> {
  let { user, keyFile } = question;
  let hostKey: string | undefined;
  const { address, port } = question.host;
  for (;;) {
    user = await io.prompter.text({ message: `${address}: SSH user`, default: user, validate: (value) => checkSshUser(value)?.message });
    const typedKey = await io.prompter.text({ message: `${address}: private key file`, default: contractPath(keyFile, io.paths.homeDir), validate: (value) => checkLocalPath(value)?.message });
    keyFile = expandPath(typedKey, io.paths);
    const candidate: CandidateHost = { ...question.host, user, keyFile };
    try {
      if (hostKey === undefined) {
        io.print(`  connecting to ${address}:${port} …`);
        const fingerprint = await presentedHostKey(candidate, io.signal);
        const trusted = await confirmHostKey(io, { address, port, fingerprint, knownHostsFile: question.knownHostsFile, ...(question.pinned === undefined ? {} : { pinned: question.pinned }) });
        if (!trusted) return await afterDistrust(io, address);
        hostKey = fingerprint;
      }
      const facts = await checkLogin({ ...candidate, hostKey }, io.signal);
      io.print(`  ✓ ${user}@${address} logged in${user === 'root' ? '' : ', sudo -n works'}; hostname ${facts.hostname}`);
      return { kind: 'ok', user, keyFile, hostKey, facts };
    } catch (error) {
      if (!isKitError(error) || ['CANCELLED', 'INTERNAL', 'USAGE'].includes(error.code)) throw error;
      io.print(indent(formatError(error, { debug: io.debug })));
      if (error.code !== 'SSH_AUTH_FAILED' && error.code !== 'REMOTE_COMMAND_FAILED') {
        io.print('  Answer the address again.');
        return { kind: 'again' };
      }
      io.print(`  Answer the SSH user and key for ${address} again.`);
    }
  }
}

async function afterDistrust(io: SetupIo, address: string): Promise<LoginOutcome> {
  io.print(`  ${address} was not added: its host key was not trusted.`);
  const next = await io.prompter.select({
    message: `What now with ${address}?`,
    choices: [
      { value: 'again', name: 'Enter this host again' },
      { value: 'skip', name: 'Skip this host' },
    ],
    default: 'again',
  });
  return { kind: next };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
