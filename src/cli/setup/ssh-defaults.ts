import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSshConfig, sshSettingsFor } from './ssh-config.ts';
import type { SshConfigBlock, SshHostSettings } from './ssh-config.ts';

export interface LocalSshSource {
  readonly homeDir: string;
  readonly localUser: string;
  /** `SSH_AUTH_SOCK` is all that is read from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What this machine's OpenSSH setup suggests as answers. */
export interface LocalSshDefaults {
  /** `~/.ssh/config`'s settings for a name the user typed. */
  settingsFor(name: string): SshHostSettings;
  /** A private key file that exists: one the agent holds first, then ssh's own default names. */
  readonly keyFile: string | undefined;
  /** Set when an ssh-agent runs: kit does not use it, and says so once. */
  readonly agentNote?: string;
}

const DEFAULT_KEY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export async function loadLocalSshDefaults(source: LocalSshSource): Promise<LocalSshDefaults> {
  const sshDir = join(source.homeDir, '.ssh');
  const blocks: SshConfigBlock[] = parseSshConfig(await readFile(join(sshDir, 'config'), 'utf8').catch(() => ''));
  const agentFiles = source.env['SSH_AUTH_SOCK'] === undefined ? [] : keyFilesInAgent(await agentListing(), await publicKeys(sshDir));
  const standard = await firstExisting(DEFAULT_KEY_NAMES.map((name) => join(sshDir, name)));
  const keyFile = agentFiles[0] ?? standard;
  const agentNote =
    source.env['SSH_AUTH_SOCK'] === undefined
      ? undefined
      : 'An ssh-agent is running, but kit reads private key files itself and does not ask the agent: answer the file of a key without a passphrase' +
        (agentFiles.length > 0 ? ` (the agent holds ${agentFiles.join(', ')}).` : '.');
  return {
    settingsFor: (name) => sshSettingsFor(blocks, name, { homeDir: source.homeDir, localUser: source.localUser }),
    keyFile,
    ...(agentNote === undefined ? {} : { agentNote }),
  };
}

/**
 * Private key files whose public half (`FILE.pub`) the agent lists, in the agent's order.
 * `agentList` is `ssh-add -L` output: `type base64 comment` per line.
 */
export function keyFilesInAgent(agentList: string, publicFiles: readonly { readonly privatePath: string; readonly text: string }[]): string[] {
  const blobOf = (line: string): string | undefined => line.trim().split(/\s+/u)[1];
  return agentList.split('\n').flatMap((line) => {
    const blob = blobOf(line);
    const match = blob === undefined ? undefined : publicFiles.find((file) => blobOf(file.text) === blob);
    return match === undefined ? [] : [match.privatePath];
  });
}

function agentListing(): Promise<string> {
  return new Promise((resolve) => {
    execFile('ssh-add', ['-L'], { timeout: 3_000 }, (error, stdout) => resolve(error === null ? stdout : ''));
  });
}

async function publicKeys(sshDir: string): Promise<{ privatePath: string; text: string }[]> {
  const names = await readdir(sshDir).catch(() => []);
  const found = await Promise.all(
    names.filter((name) => name.endsWith('.pub')).map(async (name) => {
      const privatePath = join(sshDir, name.slice(0, -'.pub'.length));
      const text = (await firstExisting([privatePath])) === undefined ? undefined : await readFile(join(sshDir, name), 'utf8').catch(() => undefined);
      return text === undefined ? [] : [{ privatePath, text }];
    }),
  );
  return found.flat();
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    if (await access(path).then(() => true, () => false)) return path;
  }
  return undefined;
}
