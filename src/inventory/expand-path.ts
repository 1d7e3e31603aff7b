import { isAbsolute, join, normalize, resolve, sep } from 'node:path';

export interface PathBase {
  /** What `~` means. */
  readonly homeDir: string;
  /** What relative paths are relative to: the inventory file's folder. */
  readonly baseDir: string;
}

/** `~/x` → home/x, relative → baseDir/x, absolute stays; always normalised. */
export function expandPath(path: string, base: PathBase): string {
  if (path === '~') return normalize(base.homeDir);
  if (path.startsWith('~/')) return join(base.homeDir, path.slice(2));
  return isAbsolute(path) ? normalize(path) : resolve(base.baseDir, path);
}

/** The inverse for display and rendering: a path under home is written with `~`. */
export function contractPath(path: string, homeDir: string): string {
  const home = normalize(homeDir).replace(/[/\\]+$/u, '');
  if (home === '' || home === sep) return path;
  if (path === home) return '~';
  return path.startsWith(`${home}${sep}`) ? `~/${path.slice(home.length + 1).split(sep).join('/')}` : path;
}
