import path from 'node:path';

export interface KubeconfigPathInput {
  /** `--merge PATH`; undefined or `true` when given without a path. */
  readonly explicit?: string;
  /** $KUBECONFIG. */
  readonly env?: string;
  readonly home: string;
}

/**
 * The file to merge into: the path given, else the first entry of $KUBECONFIG (where kubectl
 * itself writes new entries), else ~/.kube/config.
 */
export function kubeconfigPath(input: KubeconfigPathInput): string {
  if (input.explicit !== undefined && input.explicit !== '') return path.resolve(expandHome(input.explicit, input.home));
  const first = (input.env ?? '').split(path.delimiter).find((entry) => entry.trim() !== '');
  if (first !== undefined) return path.resolve(expandHome(first.trim(), input.home));
  return path.join(input.home, '.kube', 'config');
}

function expandHome(value: string, home: string): string {
  return value === '~' ? home : value.startsWith('~/') ? path.join(home, value.slice(2)) : value;
}
