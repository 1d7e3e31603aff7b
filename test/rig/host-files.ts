import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RIG_PREFIX_LENGTH } from './bridge.ts';
import { execLocal } from './exec-local.ts';
import { isMounted } from './mounts.ts';
import { hostDirs, type HostState } from './rig-state.ts';

/** Mounts the host's overlay root (cached image below, the host's own upper dir above). */
export async function mountHostRoot(host: HostState, imageRootfs: string): Promise<void> {
  const dirs = hostDirs(host);
  for (const dir of [dirs.upper, dirs.work, dirs.root, dirs.containerd]) await mkdir(dir, { recursive: true });
  if (await isMounted(dirs.root)) return;
  const options = `lowerdir=${imageRootfs},upperdir=${dirs.upper},workdir=${dirs.work}`;
  await execLocal(['mount', '-t', 'overlay', `kit-rig-${host.machine}`, '-o', options, dirs.root]);
}

/**
 * Gives a new host its own identity, written through the overlay into its upper dir: hostname,
 * machine-id, ssh host key (never shared between hosts), the rig's authorized key and its
 * address. Returns the host's public host key line (`ssh-ed25519 AAAA…`).
 */
export async function writeHostIdentity(host: HostState, options: { authorizedKey: string }): Promise<string> {
  const root = hostDirs(host).root;
  const inside = (relative: string): string => path.join(root, relative);
  await writeFresh(inside('etc/hostname'), `${host.name}\n`, 0o644);
  await writeFresh(inside('etc/hosts'), renderEtcHosts(host.name), 0o644);
  await writeFresh(inside('etc/machine-id'), `${randomBytes(16).toString('hex')}\n`, 0o444);
  await mkdir(inside('etc/kit-rig'), { recursive: true });
  await writeFresh(inside('etc/kit-rig/address'), `ADDRESS=${host.address}/${RIG_PREFIX_LENGTH}\n`, 0o644);
  await mkdir(inside('root/.ssh'), { recursive: true, mode: 0o700 });
  await writeFresh(inside('root/.ssh/authorized_keys'), `${options.authorizedKey.trim()}\n`, 0o600);
  const keyFile = inside('etc/ssh/ssh_host_ed25519_key');
  await rm(keyFile, { force: true });
  await rm(`${keyFile}.pub`, { force: true });
  await execLocal(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `root@${host.name}`, '-f', keyFile]);
  const [type, key] = (await readFile(`${keyFile}.pub`, 'utf8')).trim().split(/\s+/u);
  return `${type ?? ''} ${key ?? ''}`;
}

/** Reads the host key written at creation (for a rig reloaded from its state). */
export async function readHostKey(host: HostState): Promise<string | undefined> {
  const text = await readFile(path.join(hostDirs(host).upper, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8').catch(() => undefined);
  const [type, key] = text?.trim().split(/\s+/u) ?? [];
  return type === undefined || key === undefined ? undefined : `${type} ${key}`;
}

export function renderEtcHosts(name: string): string {
  return ['127.0.0.1\tlocalhost', `127.0.1.1\t${name}`, '::1\tlocalhost ip6-localhost ip6-loopback', ''].join('\n');
}

/** Removes first so a symlink from the image is never followed, then writes with the mode. */
async function writeFresh(file: string, content: string, mode: number): Promise<void> {
  await rm(file, { force: true });
  await writeFile(file, content, { mode, flag: 'wx' });
  await chmod(file, mode);
}
