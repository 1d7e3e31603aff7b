import { chmod, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../../artifacts/atomic-file.ts';

/**
 * Writes a file that holds credentials: a new parent directory is created 0700, the file is
 * written beside itself and renamed into place with mode 0600, so a reader never sees half a
 * file. A symlink (a kubeconfig kept in a dotfiles repository) is followed, not replaced.
 */
export async function writePrivateFile(target: string, text: string): Promise<string> {
  const resolved = await realpath(target).catch(() => target);
  await mkdir(path.dirname(resolved), { recursive: true, mode: 0o700 });
  await writeFileAtomically(resolved, [Buffer.from(text, 'utf8')], { mode: 0o600 });
  // A strict umask may have narrowed the new file's mode below 0600, leaving the owner unable to write it.
  await chmod(resolved, 0o600);
  return resolved;
}
