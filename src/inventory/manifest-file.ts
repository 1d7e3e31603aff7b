import { readFile, stat } from 'node:fs/promises';
import { MAX_MANIFEST_BYTES, parseManifestDocuments, type ManifestObject } from './kubernetes-manifest.ts';

export type ManifestFile =
  | { readonly ok: true; readonly text: string; readonly objects: readonly ManifestObject[] }
  /** `where` is `line:column` inside the manifest when the problem has a place there. */
  | { readonly ok: false; readonly reason: string; readonly where?: string };

/**
 * Reads a manifest file the inventory names and parses it as `kubectl apply -f` would. Used
 * when the inventory is loaded (so a bad path fails before any host is touched) and again by
 * the add-ons phase, which applies what it read.
 */
export async function readManifestFile(path: string): Promise<ManifestFile> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, reason: 'it is a directory, not a file' };
    if (info.size > MAX_MANIFEST_BYTES) return { ok: false, reason: `it is ${info.size} bytes, more than the ${MAX_MANIFEST_BYTES} a manifest may have` };
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    return { ok: false, reason };
  }
  const parsed = parseManifestDocuments(text);
  if (!parsed.ok) return { ok: false, reason: parsed.problem.message, where: `${parsed.problem.line}:${parsed.problem.column}` };
  return { ok: true, text, objects: parsed.objects };
}
