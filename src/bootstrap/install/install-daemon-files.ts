import type { Host } from '../../host/host.ts';
import { unitPath } from '../daemons.ts';
import type { RenderedFile } from '../render/node-files.ts';
import { daemonReload } from './systemctl.ts';

export interface ChangedFile {
  readonly file: RenderedFile;
  /**
   * The host's copy before it was replaced, kept only where a change may not need a restart
   * (etcd's unit: its `initial-*` flags are read once, on the first start).
   */
  readonly previous?: string;
}

export interface InstallResult {
  /** Files whose content, mode or owner differed and were rewritten. */
  readonly changed: readonly ChangedFile[];
  /** A unit file changed, so `systemctl daemon-reload` ran. */
  readonly reloadedSystemd: boolean;
}

export interface InstallOptions {
  readonly signal?: AbortSignal;
}

export function isUnitFile(file: RenderedFile): boolean {
  return file.path === unitPath(file.daemon);
}

/**
 * Writes rendered units and configs (atomically; identical files are skipped by the
 * transport) and reloads systemd only when a unit changed. Restarting is the caller's choice,
 * from the returned changes (see daemonChanges).
 */
export async function installDaemonFiles(host: Host, files: readonly RenderedFile[], options: InstallOptions = {}): Promise<InstallResult> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const changed: ChangedFile[] = [];
  for (const file of files) {
    const previous = keepsPrevious(file) ? await host.download(file.path, signal) : undefined;
    const result = await host.upload(file.content, file.path, { mode: file.mode, owner: 'root:root', ...signal });
    if (result.changed) changed.push(previous === undefined ? { file } : { file, previous: previous.toString('utf8') });
  }
  const reloadedSystemd = changed.some((change) => isUnitFile(change.file));
  if (reloadedSystemd) await daemonReload(host, signal);
  return { changed, reloadedSystemd };
}

function keepsPrevious(file: RenderedFile): boolean {
  return file.daemon === 'etcd' && isUnitFile(file);
}
