import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execLocal } from './exec-local.ts';
import { RigError } from './rig-error.ts';

/** Mount points in this mount namespace (octal escapes such as `\040` decoded). */
async function mountPoints(): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text.split('\n').flatMap((line) => {
    const target = line.split(' ')[4];
    return target === undefined ? [] : [target.replace(/\\([0-7]{3})/gu, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))];
  });
}

export async function isMounted(dir: string): Promise<boolean> {
  return (await mountPoints()).includes(path.resolve(dir));
}

/** Every mount at or below `dir`, deepest first. */
export async function mountsUnder(dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  const found = (await mountPoints()).filter((target) => target === root || target.startsWith(`${root}/`));
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

/** Unmounts everything at or below `dir`; a busy mount is detached lazily rather than left. */
export async function unmountAllUnder(dir: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const targets = await mountsUnder(dir);
    if (targets.length === 0) return;
    for (const target of targets) {
      const result = await execLocal(['umount', target], { allowFail: true });
      if (result.exitCode !== 0) await execLocal(['umount', '-l', target], { allowFail: true });
    }
  }
  const left = await mountsUnder(dir);
  if (left.length > 0) throw new RigError(`cannot unmount ${left.join(', ')}`, { hint: 'Check with `findmnt -R` what holds it, then unmount it by hand.' });
}
