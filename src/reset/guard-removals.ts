import type { Footprint } from './footprint.ts';
import { PARTIAL_RECORD_DIR, PRE_KIT_RECORD_DIR } from './record-paths.ts';

/**
 * The last check before `rm -rf`: every path must be one of the footprint's files, inside one
 * of its owned directories (or the directory itself), or a pod's network namespace. A plan
 * bug then fails loudly instead of removing something that is not kit's.
 */
export function guardRemovals(paths: readonly string[], footprint: Footprint): readonly string[] {
  for (const path of paths) {
    const plain = path.startsWith('/') && !path.split('/').slice(1).some((part) => part === '' || part === '.' || part === '..');
    const allowed = plain && (
      footprint.files.includes(path)
      || footprint.ownedDirs.some((dir) => path === dir || path.startsWith(`${dir}/`))
      || path.startsWith(`${footprint.netnsDir}/cni-`)
      || path === PRE_KIT_RECORD_DIR || path === PARTIAL_RECORD_DIR
    );
    if (!allowed) throw new Error(`reset refused to remove ${JSON.stringify(path)}: not part of kit's footprint`);
  }
  return paths;
}
