import { open } from 'node:fs/promises';
import { execLocal } from '../rig/exec-local.ts';

/**
 * The shared libraries an ELF file asks the dynamic linker for (its DT_NEEDED entries), in
 * order; empty for a static binary. Read from the file itself, so the answer does not depend
 * on which libraries this machine happens to have (ldd would).
 */
export async function elfNeeded(file: string): Promise<readonly string[]> {
  if (!(await isElf(file))) return [];
  const result = await execLocal(['readelf', '--dynamic', '--wide', file]);
  return [...result.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/gu)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
}

async function isElf(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    return magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    await handle.close();
  }
}
