import type { Host } from '../host/host.ts';
import { changedFiles, parseSha256sum, sha256sumCommand, type ManagedFile } from '../runtime/managed-file.ts';

/** The managed files whose copy on the host is missing or different: one round trip. */
export async function filesToWrite<F extends ManagedFile>(host: Host, files: readonly F[], signal?: AbortSignal): Promise<F[]> {
  if (files.length === 0) return [];
  const paths = files.map((file) => file.path);
  const result = await host.exec(sha256sumCommand(paths), { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  return changedFiles(files, parseSha256sum(result.stdout, paths));
}

/** Writes each file atomically (the transport skips identical content). */
export async function writeFiles(host: Host, files: readonly ManagedFile[], signal?: AbortSignal): Promise<void> {
  for (const file of files) await host.upload(file.content, file.path, { mode: file.mode, ...(signal === undefined ? {} : { signal }) });
}
