import { expandPath, type PathBase } from '../expand-path.ts';
import type { PathProblem } from '../inventory-problem.ts';
import { readManifestFile } from '../manifest-file.ts';
import { checkLocalPath } from '../schema/field-checks.ts';
import { stringAt } from './raw-access.ts';

/**
 * The one inventory rule that needs the disk: a CNI manifest named by path must exist and parse
 * as Kubernetes objects. Reads the raw data, so it runs beside the other checks even when they
 * found problems elsewhere. A URL is fetched only when the add-ons phase runs.
 */
export async function checkManifestFile(raw: unknown, base: PathBase): Promise<PathProblem[]> {
  const manifest = stringAt(raw, 'network', 'manifest');
  if (stringAt(raw, 'network', 'plugin') !== 'manifest' || manifest === undefined) return [];
  // URLs and unusable paths are the schema's to report.
  if (manifest.includes('://') || checkLocalPath(manifest) !== undefined) return [];
  const path = expandPath(manifest, base);
  const file = await readManifestFile(path);
  if (file.ok) return [];
  const where = file.where === undefined ? manifest : `${manifest}:${file.where}`;
  return [
    {
      path: ['network', 'manifest'],
      message: `${where}: ${file.reason}`,
      hint:
        file.where === undefined
          ? `Write the path of the CNI manifest relative to the inventory file (${path} was tried).`
          : 'Fix the manifest so that `kubectl apply -f` accepts it: YAML documents, each with apiVersion, kind and metadata.name.',
    },
  ];
}
