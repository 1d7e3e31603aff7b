import { BIN_DIR } from './artifact-catalog.ts';
import type { Host } from '../host/host.ts';
import { ArtifactsMismatchError } from './artifact-errors.ts';
import type { HostImage } from './host-artifacts.ts';
import { normalizeImageRef } from './image-ref.ts';

/** Kubernetes' containerd namespace: the kubelet only sees images there. */
export const K8S_NAMESPACE = 'k8s.io';

export interface ImportOptions {
  readonly signal?: AbortSignal;
  /** Default /usr/local/bin/ctr; os-packages hosts have /usr/bin/ctr. */
  readonly ctr?: string;
}

export interface ImportReport {
  readonly host: string;
  readonly imported: readonly string[];
  readonly present: readonly string[];
}

/**
 * Loads delivered image archives into containerd (which must be running), skipping every
 * archive whose references containerd already lists. After an import each reference must be
 * listed, or the archive did not hold what the manifest claimed.
 */
export async function importImages(host: Host, images: readonly HostImage[], options: ImportOptions = {}): Promise<ImportReport> {
  const ctr = options.ctr ?? `${BIN_DIR}/ctr`;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const listed = await listImages(host, ctr, options.signal);
  const archives = new Map<string, string[]>();
  for (const image of images) archives.set(image.remotePath, [...(archives.get(image.remotePath) ?? []), normalizeImageRef(image.ref)]);
  const missing = [...archives].filter(([, refs]) => refs.some((ref) => !listed.has(ref)));
  for (const [archive] of missing) {
    await host.exec([ctr, '-n', K8S_NAMESPACE, 'images', 'import', archive], { timeoutMs: 600_000, ...signal });
  }
  const imported = missing.flatMap(([, refs]) => refs);
  if (imported.length > 0) {
    const after = await listImages(host, ctr, options.signal);
    const absent = imported.filter((ref) => !after.has(ref));
    if (absent.length > 0) {
      throw new ArtifactsMismatchError(`${host.name}: containerd does not list ${absent.join(', ')} after importing their archives`, 'The bundle manifest names references its image archives do not carry: rebuild the bundle (kit artifacts bundle).');
    }
  }
  return { host: host.name, imported, present: [...archives.values()].flat().filter((ref) => !imported.includes(ref)) };
}

async function listImages(host: Host, ctr: string, signal: AbortSignal | undefined): Promise<Set<string>> {
  const result = await host.exec([ctr, '-n', K8S_NAMESPACE, 'images', 'ls', '-q'], signal === undefined ? {} : { signal });
  return new Set(result.stdout.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
}
