import type { CheckResult } from './preflight-types.ts';

/** `--ignore-preflight-errors`: check names (any case), or `all` (alone or in the list). */
export type IgnoreList = readonly string[] | 'all';

export function isIgnored(name: string, ignore: IgnoreList): boolean {
  if (ignore === 'all') return true;
  const wanted = name.toLowerCase();
  return ignore.some((entry) => {
    const normalised = entry.trim().toLowerCase();
    return normalised === 'all' || normalised === wanted;
  });
}

/** Lowers ignored errors to warnings, marking them, as kubeadm does; other results pass through. */
export function applyIgnore(checks: readonly CheckResult[], ignore: IgnoreList): readonly CheckResult[] {
  return checks.map((check) => (check.status === 'error' && isIgnored(check.name, ignore) ? { ...check, status: 'warn', ignored: true } : check));
}
