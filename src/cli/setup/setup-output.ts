import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomically } from '../../artifacts/atomic-file.ts';
import { contractPath } from '../../inventory/expand-path.ts';
import type { SetupIo } from './setup-io.ts';

/**
 * Asks whether to write, and where when the file exists and must not be replaced.
 * Undefined when the user declines to write at all.
 */
export async function chooseOutput(io: SetupIo, out: string, preflightErrors: number): Promise<string | undefined> {
  const shown = (path: string): string => contractPath(path, io.paths.homeDir);
  const warning = preflightErrors === 0 ? '' : ` (preflight found ${preflightErrors} error(s): fix them before kit apply)`;
  if (!(await io.prompter.confirm({ message: `Write the inventory to ${shown(out)}?${warning}`, default: true }))) return undefined;
  let target = out;
  while (await exists(target)) {
    if (await io.prompter.confirm({ message: `${shown(target)} exists. Replace it?`, default: false })) break;
    const typed = await io.prompter.text({ message: 'Write to which file instead?', validate: (value) => (value === '' ? 'give a file name' : undefined) });
    target = resolve(io.paths.baseDir, typed);
  }
  return target;
}

/** Temp file beside the target, then rename: an interrupted write never leaves half an inventory. */
export async function writeInventoryFile(target: string, text: string): Promise<void> {
  await writeFileAtomically(target, [Buffer.from(text, 'utf8')], { mode: 0o644 });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
